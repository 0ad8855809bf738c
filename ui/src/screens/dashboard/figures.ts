// The dashboard's figures as the commune office's pages write them: each with its label and
// its rule (the help text), counts grouped (1.234, 1,234 in English) and shares in tenths of a
// percent by the Rust rule, so that the app and the web show the same numbers.
import type { Figures, Topic } from '../../lib/ipc';
import { t } from '../../lib/i18n.svelte';
import { groupDigits } from '../../lib/money';

/** A figure's label and rule; `t` is called here with each id written out, so the message tests see them. */
export interface Words {
  label: () => string;
  rule: () => string;
}

/** The figures of one place (a village, the commune) that are a plain count. */
export type CountKey = Exclude<keyof Figures, 'skills'>;

export const COUNT_WORDS: Record<CountKey, Words> = {
  people_registered: { label: () => t('dash-col-people-registered'), rule: () => t('dash-rule-people-registered') },
  people_trained: { label: () => t('dash-col-people-trained'), rule: () => t('dash-rule-people-trained') },
  lessons_completed: { label: () => t('dash-col-lessons-completed'), rule: () => t('dash-rule-lessons-completed') },
  active_learners: { label: () => t('dash-col-active-learners'), rule: () => t('dash-rule-active-learners') },
  people_all_five: { label: () => t('dash-col-people-all-five'), rule: () => t('dash-rule-people-all-five') },
  households: { label: () => t('dash-col-households'), rule: () => t('dash-rule-households') },
  households_at_target: {
    label: () => t('dash-col-households-at-target'),
    rule: () => t('dash-rule-households-at-target'),
  },
  sessions_held: { label: () => t('dash-col-sessions-held'), rule: () => t('dash-rule-sessions-held') },
  volunteers_active: { label: () => t('dash-col-volunteers-active'), rule: () => t('dash-rule-volunteers-active') },
  listings_published: {
    label: () => t('dash-col-listings-published'),
    rule: () => t('dash-rule-listings-published'),
  },
  inquiries_received: {
    label: () => t('dash-col-inquiries-received'),
    rule: () => t('dash-rule-inquiries-received'),
  },
  inquiries_answered: {
    label: () => t('dash-col-inquiries-answered'),
    rule: () => t('dash-rule-inquiries-answered'),
  },
};

export const SHARE_WORDS: Words = {
  label: () => t('dash-col-household-share'),
  rule: () => t('dash-rule-household-share'),
};

/** The five basic skills: the skill's name (as lessons call it) and its rule. */
export const SKILL_WORDS: Partial<Record<Topic, Words>> = {
  'public-services': { label: () => t('topic-public-services'), rule: () => t('dash-rule-skill-public-services') },
  'online-shopping': { label: () => t('topic-online-shopping'), rule: () => t('dash-rule-skill-online-shopping') },
  'online-payments': { label: () => t('topic-online-payments'), rule: () => t('dash-rule-skill-online-payments') },
  'online-safety': { label: () => t('topic-online-safety'), rule: () => t('dash-rule-skill-online-safety') },
  'local-platforms': { label: () => t('topic-local-platforms'), rule: () => t('dash-rule-skill-local-platforms') },
};

/** The headline cards, in order: learning first, then sessions, then the marketplace. */
export const HEADLINE: readonly CountKey[] = [
  'people_registered',
  'people_trained',
  'people_all_five',
  'lessons_completed',
  'active_learners',
  'sessions_held',
  'volunteers_active',
  'listings_published',
  'inquiries_received',
  'inquiries_answered',
];

/** `part` of `whole` in tenths of a percent, rounded half up; 0 of nothing is 0 (core's share_permille). */
export function sharePermille(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.floor((part * 2000 + whole) / (2 * whole));
}

/** A count as the language groups it: 1.234, or 1,234 in English. */
export function formatCount(n: number, lang: string): string {
  return groupDigits(n, lang);
}

/** A share in tenths of a percent: 33,3 %, or 33.3% in English (core's format_share). */
export function formatShare(permille: number, lang: string): string {
  const whole = groupDigits(Math.trunc(permille / 10), lang);
  const tenth = Math.abs(permille % 10);
  return lang === 'en' ? `${whole}.${tenth}%` : `${whole},${tenth} %`;
}

/** The households at target of a place, as a share: 36,3 %. */
export function householdShare(f: Figures, lang: string): string {
  return formatShare(sharePermille(f.households_at_target, f.households), lang);
}

/** A month as people write it: `2026-11` is 11/2026. */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-');
  return `${number}/${year}`;
}
