// The pictures lib/Icon.svelte draws; a button shows one beside its word.
export const ICONS = [
  'back',
  'next',
  'play',
  'pause',
  'replay',
  'speaker',
  'retry',
  'quiz',
  'finish',
  'lessons',
  'list',
  'star',
  'add-person',
  'settings',
  'sessions',
  'devices',
] as const;

export type IconName = (typeof ICONS)[number];
