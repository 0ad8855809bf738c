// The Rust side, imitated in the page: every command the UI calls, over state kept in
// localStorage so that a reload is an app restart with the same data. Runs inside the page
// (page.addInitScript), so it may use nothing from outside this function.
import type { Dashboard, Figures } from '../src/lib/bindings';
import type { Fixture } from './fixture';

export interface MockProfile {
  id: string;
  /** Null for a profile made before the device joined a commune, until place_profile. */
  village_id: string | null;
  role: string;
  name: string;
  avatar: string | null;
  pin: string | null;
  consent_at: number;
  consent_version: string;
  deleted: boolean;
  household?: string | null;
  birth_year?: number | null;
  phone?: string | null;
  /** Everything read aloud (the low-literacy mode). */
  read_aloud?: boolean;
}

export interface MockState {
  language: string;
  profiles: MockProfile[];
  /** profile id → last used, text size, contrast */
  device: Record<string, { last_used_at: number; text_size: number; high_contrast: boolean }>;
  facts: { profile_id: string; lesson_id: string; kind: string; step?: number; question_id?: string; correct?: boolean; at: number }[];
  /** profile id → why the server refused this device's last change to it */
  refusals?: Record<string, { reason: string; at: number }>;
  /** What sync_status answers; "sync now" makes the next answer a sync that just succeeded. */
  sync: MockSync;
  /** An official's commune: its devices and join codes, as the commands return them. */
  devices?: MockDevice[];
  codes?: MockCode[];
  /** The server cannot be reached. */
  offline?: boolean;
  /** A volunteer's training sessions: households, sessions, marks and skill checks. */
  households?: MockHousehold[];
  sessions?: MockSession[];
  /** Facts in the order they were made: the last one for a person at a session holds. */
  marks?: MockMark[];
  checks?: MockCheck[];
  /** What data_version answers: it moves with every change (a test bumps it to play a sync). */
  version?: number;
  /** Farmers' products, newest last, and the photos they name: hash → the bytes in base64. */
  listings?: MockListing[];
  photos?: Record<string, string>;
  /** Buyers' inquiries about the products, as a sync brings them. */
  inquiries?: MockInquiry[];
  /** Every open_contact, in order: what the phone was asked to dial or open in Zalo. */
  contacts?: { phone: string; via: string }[];
  /**
   * An official's commune as the dashboard counts it (OFFICIAL_DASHBOARD, say); without one,
   * the commune's villages with nothing counted yet.
   */
  dashboard?: Dashboard;
}

/** A listing as my_listing returns it. */
export interface MockListing {
  id: string;
  commune_id: string;
  owner_id: string;
  status: string;
  name: string;
  ocop_group: string | null;
  category: string | null;
  description: string | null;
  story: string | null;
  price_dong: number;
  unit: string;
  pack_size: string | null;
  quantity: number | null;
  made_to_order: boolean;
  season: string | null;
  available_from: string | null;
  ocop_stars: number | null;
  ocop_expiry: string | null;
  certifications: string[];
  photos: string[];
  contact_phone: string;
  zalo: string | null;
  bank_bin: string | null;
  bank_account: string | null;
  bank_holder: string | null;
}

export interface MockInquiry {
  id: string;
  listing_id: string;
  buyer_name: string;
  buyer_phone: string;
  quantity: number;
  message: string | null;
  status: string;
  created_at: number;
}

export interface MockHousehold {
  id: string;
  village_id: string;
  head_name: string;
  address: string | null;
}

export interface MockSession {
  id: string;
  village_id: string;
  volunteer_id: string;
  title: string;
  place: string | null;
  starts_at: number;
  ends_at: number;
  lessons: string[];
  skills: string[];
  cancelled_at: number | null;
  cancel_reason: string | null;
}

export interface MockMark {
  session_id: string;
  profile_id: string;
  status: string;
  at: number;
}

export interface MockCheck {
  session_id: string;
  profile_id: string;
  skill: string;
  checked: boolean;
  at: number;
}

export interface MockDevice {
  node: string;
  name: string;
  role: string;
  enrolled_at: number;
  last_sync_at: number | null;
  app_version: string | null;
  revoked_at: number | null;
  via_hub: boolean;
  hub_name: string | null;
  this_device: boolean;
}

export interface MockCode {
  id: string;
  role: string;
  created_at: number;
  expires_at: number;
  uses: number;
  max_uses: number;
  state: string;
}

export interface MockSync {
  enrolled: boolean;
  role: string | null;
  syncing: boolean;
  online: boolean;
  waiting: number;
  /** Profiles on this device without a village yet. */
  unplaced?: number;
  last_ok_at: number | null;
  error: string | null;
}

/** A phone that joined the commune and last synced on 24/11/2026 at 14:05 in Hà Giang (07:05 UTC). */
export const SYNCED: MockSync = {
  enrolled: true,
  role: 'villager',
  syncing: false,
  online: true,
  waiting: 0,
  unplaced: 0,
  last_ok_at: Date.UTC(2026, 10, 24, 7, 5),
  error: null,
};

/** A place's figures: the five skills in their fixed order. */
function figures(
  counts: Omit<Figures, 'skills'>,
  skills: [number, number, number, number, number],
): Figures {
  const names = ['public-services', 'online-shopping', 'online-payments', 'online-safety', 'local-platforms'] as const;
  return { ...counts, skills: names.map((skill, i) => ({ skill, people: skills[i] })) };
}

/**
 * Xã Lũng Cú on an official's phone on 24/11/2026 at 14:05 (Hà Giang): three villages, a year
 * of months and a target of 80 % of households.
 */
export const OFFICIAL_DASHBOARD: Dashboard = {
  commune_id: 'c-lung-cu',
  commune_name: 'Xã Lũng Cú',
  district: 'Huyện Đồng Văn',
  province: 'Hà Giang',
  target_percent: 80,
  totals: figures(
    {
      people_registered: 1049,
      people_trained: 385,
      lessons_completed: 2311,
      active_learners: 128,
      people_all_five: 136,
      households: 303,
      households_at_target: 110,
      sessions_held: 34,
      // One volunteer taught in two villages: counted once for the commune.
      volunteers_active: 6,
      listings_published: 15,
      inquiries_received: 33,
      inquiries_answered: 27,
    },
    [298, 217, 196, 326, 165],
  ),
  villages: [
    {
      village_id: 'v-lo-lo-chai',
      name: 'Thôn Lô Lô Chải',
      figures: figures(
        {
          people_registered: 412,
          people_trained: 168,
          lessons_completed: 1046,
          active_learners: 57,
          people_all_five: 61,
          households: 118,
          households_at_target: 47,
          sessions_held: 14,
          volunteers_active: 3,
          listings_published: 9,
          inquiries_received: 23,
          inquiries_answered: 19,
        },
        [131, 96, 88, 142, 74],
      ),
    },
    {
      village_id: 'v-seo-lung',
      name: 'Thôn Séo Lủng',
      figures: figures(
        {
          people_registered: 351,
          people_trained: 120,
          lessons_completed: 702,
          active_learners: 40,
          people_all_five: 42,
          households: 102,
          households_at_target: 35,
          sessions_held: 11,
          volunteers_active: 2,
          listings_published: 2,
          inquiries_received: 3,
          inquiries_answered: 3,
        },
        [95, 70, 61, 104, 52],
      ),
    },
    {
      village_id: 'v-then-pa',
      name: 'Thôn Thèn Pả',
      figures: figures(
        {
          people_registered: 286,
          people_trained: 97,
          lessons_completed: 563,
          active_learners: 31,
          people_all_five: 33,
          households: 83,
          households_at_target: 28,
          sessions_held: 9,
          volunteers_active: 2,
          listings_published: 4,
          inquiries_received: 7,
          inquiries_answered: 5,
        },
        [72, 51, 47, 80, 39],
      ),
    },
  ],
  // December 2025 to November 2026; a few people were trained before.
  months: [
    ['2025-12', 61, 8, 40, 1, 0, 3, 2],
    ['2026-01', 55, 12, 65, 1, 0, 7, 5],
    ['2026-02', 48, 15, 90, 2, 1, 12, 9],
    ['2026-03', 70, 20, 120, 2, 1, 19, 15],
    ['2026-04', 82, 26, 150, 3, 2, 29, 24],
    ['2026-05', 90, 31, 180, 3, 2, 41, 34],
    ['2026-06', 77, 35, 210, 3, 3, 55, 46],
    ['2026-07', 85, 38, 230, 4, 4, 70, 58],
    ['2026-08', 93, 42, 250, 4, 4, 86, 71],
    ['2026-09', 101, 45, 280, 3, 5, 103, 84],
    ['2026-10', 96, 50, 320, 4, 5, 119, 97],
    ['2026-11', 88, 58, 370, 4, 6, 136, 110],
  ].map(([month, registered, trained, lessons, sessions, inquiries, allFive, households]) => ({
    month: String(month),
    people_registered: Number(registered),
    people_trained: Number(trained),
    lessons_completed: Number(lessons),
    sessions_held: Number(sessions),
    inquiries_received: Number(inquiries),
    people_all_five_total: Number(allFive),
    households_at_target_total: Number(households),
  })),
  counted_at: Date.UTC(2026, 10, 24, 7, 5),
};

export function installMockBackend({ fx, seed }: { fx: Fixture; seed: Partial<MockState> & Pick<MockState, 'sync'> }): void {
  const KEY = 'langso-mock-state';
  const fresh: MockState = { language: 'vi', profiles: [], device: {}, facts: [], ...seed };
  if (!localStorage.getItem(KEY)) localStorage.setItem(KEY, JSON.stringify(fresh));
  const load = (): MockState => JSON.parse(localStorage.getItem(KEY) ?? '{}') as MockState;
  // Like the store's change sequence, every write moves the data version.
  const save = (s: MockState) => localStorage.setItem(KEY, JSON.stringify({ ...s, version: (s.version ?? 0) + 1 }));
  // Like the Rust side, the open profile lives in memory: a restart closes it.
  let session: string | null = null;
  let clock = Date.now();
  const now = () => ++clock;

  const MESSAGES: Record<string, Record<string, string>> = {
    vi: {
      'error-wrong-pin': 'Mã PIN chưa đúng. Hãy thử lại.',
      'error-no-profile': 'Hãy chọn hồ sơ của bạn trước.',
      'error-invalid': 'Họ và tên: chưa điền.',
      'error-consent': 'Cần có sự đồng ý thì mới tạo được hồ sơ.',
      'devices-error-not-official': 'Chỉ máy của cán bộ xã mới quản lý được thiết bị và mã tham gia.',
      'devices-error-own-device': 'Không thể tự thu hồi máy đang dùng. Hãy dùng máy của một cán bộ khác.',
      'server-error-code-limits': 'Mã tham gia chỉ có hiệu lực từ 1 đến 90 ngày, cho 1 đến 1000 máy.',
      'sync-error-offline': 'Chưa kết nối được máy chủ. Dữ liệu vẫn được lưu trên máy và sẽ tự đồng bộ khi có mạng.',
    },
    en: {
      'error-wrong-pin': 'That PIN is not right. Please try again.',
      'error-no-profile': 'Please choose your profile first.',
      'error-invalid': 'Full name: missing.',
      'error-consent': 'A profile can only be made with consent.',
      'devices-error-not-official': "Only a commune official's device can manage devices and join codes.",
      'devices-error-own-device': "A device cannot revoke itself. Use another official's device.",
      'server-error-code-limits': 'A join code works for 1 to 90 days, for 1 to 1000 devices.',
      'sync-error-offline': 'Cannot reach the server. Your data is kept on this device and will sync by itself once online.',
    },
  };
  const fail = (code: string) => {
    const language = load().language;
    return { code, message: MESSAGES[language]?.[code] ?? code };
  };
  const pick = (texts: { vi: string; en: string }, language: string) =>
    language === 'en' ? texts.en : texts.vi;
  const lessonById = (id: string) => fx.lessons.find((l) => l.id === id);
  const card = (l: Fixture['lessons'][number], language: string) => ({
    id: l.id,
    slug: l.slug,
    version: 1,
    topic: l.topic,
    level: l.level,
    minutes: l.minutes,
    steps: l.steps.length,
    title: pick(l.title, language),
    summary: pick(l.summary, language),
  });
  const communeOf = (villageId: string | null) =>
    villageId === null ? null : (fx.villages.find((v) => v.id === villageId)?.commune_id ?? 'c-lung-cu');
  const profileView = (p: MockProfile) => ({
    id: p.id,
    commune_id: p.village_id === null ? null : communeOf(p.village_id),
    village_id: p.village_id,
    role: p.role,
    name: p.name,
    household: p.household ?? null,
    household_name: householdName(load(), p.household ?? null),
    birth_year: p.birth_year ?? null,
    phone: p.phone ?? null,
    avatar: p.avatar,
    has_pin: p.pin !== null,
    consent_at: p.consent_at,
    consent_version: p.consent_version,
    read_aloud: p.read_aloud ?? false,
  });
  const me = (s: MockState) => {
    const p = s.profiles.find((x) => x.id === session && !x.deleted);
    if (!p) throw fail('error-no-profile');
    return p;
  };
  const opened = (s: MockState, p: MockProfile) => {
    const d = s.device[p.id] ?? { last_used_at: 0, text_size: 0, high_contrast: false };
    s.device[p.id] = { ...d, last_used_at: now() };
    session = p.id;
    save(s);
    return { profile: profileView(p), display: { text_size: d.text_size, high_contrast: d.high_contrast } };
  };
  const checkPerson = (name: string, pin: string | null) => {
    if (name.trim() === '') throw fail('error-invalid');
    if (pin !== null && !/^[0-9]{4}$/.test(pin)) throw fail('error-invalid');
  };

  /** The state, if this is an official's device, as the Rust side checks before it asks the server. */
  const official = () => {
    const s = load();
    if (s.sync.role !== 'official') throw fail('devices-error-not-official');
    if (s.offline) throw fail('sync-error-offline');
    return s;
  };

  // ---- A volunteer's training sessions, by the rules of crates/core/src/training. ----

  /** A refusal as the Rust side words it: `invalid-<rule>` about a field, from locales/. */
  const invalid = (field: string, rule: string, args: Record<string, string | number> = {}) => {
    const language = load().language;
    const words = fx.messages[language] ?? fx.messages.vi;
    let message = words[`invalid-${rule}`] ?? `invalid-${rule}`;
    const values: Record<string, string | number> = { field: words[`field-${field}`] ?? field, ...args };
    for (const [name, value] of Object.entries(values)) message = message.replace(`{ $${name} }`, String(value));
    return { code: `invalid-${rule}`, message };
  };
  const refuse = (code: string) => ({ code, message: (fx.messages[load().language] ?? fx.messages.vi)[code] ?? code });
  const BASIC = ['public-services', 'online-shopping', 'online-payments', 'online-safety', 'local-platforms'];
  const ATTENDED = ['present', 'late'];
  const fold = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
  const byName = (a: { name: string | null; id?: string; profile_id?: string }, b: typeof a) =>
    Number(a.name === null) - Number(b.name === null) || (a.name ?? '').localeCompare(b.name ?? '', 'vi');
  const villageName = (id: string | null) => fx.villages.find((v) => v.id === id)?.name ?? null;
  function householdName(s: MockState, id: string | null): string | null {
    const h = (s.households ?? []).find((x) => x.id === id);
    return h ? (h.address ? `${h.head_name}, ${h.address}` : h.head_name) : null;
  }
  const alive = (s: MockState, id: string) => s.profiles.find((p) => p.id === id && !p.deleted);
  /** The open profile, if it may run sessions. */
  const staff = (s: MockState) => {
    const p = me(s);
    if (p.role !== 'volunteer' && p.role !== 'official') throw refuse('error-staff-only');
    return p;
  };
  /** A session of the open staff member's commune. */
  const ourSession = (s: MockState, id: unknown) => {
    const mine = staff(s);
    const found = (s.sessions ?? []).find((x) => x.id === id);
    if (!found || communeOf(found.village_id) !== communeOf(mine.village_id)) throw invalid('session', 'unknown');
    return found;
  };
  const openSession = (s: MockState, id: unknown) => {
    const found = ourSession(s, id);
    if (found.cancelled_at !== null) throw invalid('session', 'cancelled');
    return found;
  };
  /** A person's current mark at a session: the latest. */
  const statusOf = (s: MockState, sessionId: string, profileId: string) =>
    (s.marks ?? []).filter((m) => m.session_id === sessionId && m.profile_id === profileId).at(-1);
  const currentMarks = (s: MockState, sessionId: string) => {
    const latest = new Map<string, MockMark>();
    for (const m of s.marks ?? []) if (m.session_id === sessionId) latest.set(m.profile_id, m);
    return [...latest.values()];
  };
  const checkedAt = (s: MockState, sessionId: string, profileId: string, skill: string) =>
    (s.checks ?? []).filter((c) => c.session_id === sessionId && c.profile_id === profileId && c.skill === skill).at(-1);
  /** The skills checked for a person at one session. */
  const sessionSkills = (s: MockState, sessionId: string, profileId: string) =>
    BASIC.filter((k) => checkedAt(s, sessionId, profileId, k)?.checked).sort();
  /** The rule "has a skill": skill → first checked, at sessions held. */
  const held = (s: MockState, profileId: string) => {
    const first = new Map<string, number>();
    for (const session of s.sessions ?? []) {
      if (session.cancelled_at !== null) continue;
      for (const skill of BASIC) {
        const check = checkedAt(s, session.id, profileId, skill);
        if (check?.checked) first.set(skill, Math.min(first.get(skill) ?? Infinity, check.at));
      }
    }
    return first;
  };
  const allFive = (s: MockState, profileId: string) => alive(s, profileId) !== undefined && held(s, profileId).size === 5;
  const sessionsAttended = (s: MockState, profileId: string) =>
    (s.sessions ?? []).filter((x) => x.cancelled_at === null && ATTENDED.includes(statusOf(s, x.id, profileId)?.status ?? '')).length;
  const sessionView = (s: MockState, x: MockSession) => ({
    ...x,
    commune_id: communeOf(x.village_id),
    village_name: villageName(x.village_id),
    volunteer_name: alive(s, x.volunteer_id)?.name ?? null,
    present: currentMarks(s, x.id).filter((m) => ATTENDED.includes(m.status)).length,
  });
  const roster = (s: MockState, sessionId: string) =>
    currentMarks(s, sessionId)
      .map((m) => {
        const p = alive(s, m.profile_id);
        return {
          profile_id: m.profile_id,
          name: p?.name ?? null,
          village_name: p ? villageName(p.village_id) : null,
          household_name: p ? householdName(s, p.household ?? null) : null,
          status: m.status,
          marked_at: m.at,
          skills: sessionSkills(s, sessionId, m.profile_id),
          all_five: allFive(s, m.profile_id),
        };
      })
      .sort((a, b) => byName(a, b) || a.profile_id.localeCompare(b.profile_id));
  const personHit = (s: MockState, p: MockProfile) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    village_id: p.village_id,
    village_name: villageName(p.village_id),
    household_name: householdName(s, p.household ?? null),
    birth_year: p.birth_year ?? null,
  });
  /** Marks a person, unless the mark is already that. */
  const mark = (s: MockState, sessionId: string, profileId: string, status: string) => {
    const session = openSession(s, sessionId);
    const p = alive(s, profileId);
    if (!p) throw invalid('profile', 'unknown');
    if (communeOf(p.village_id) !== communeOf(session.village_id)) throw invalid('profile', 'other-commune');
    if (statusOf(s, sessionId, profileId)?.status === status) return;
    s.marks = [...(s.marks ?? []), { session_id: sessionId, profile_id: profileId, status, at: now() }];
  };
  /** A session's fields checked as the store does. */
  const sessionInput = (s: MockState, input: Record<string, unknown>) => {
    const village = String(input.village_id);
    if (!fx.villages.some((v) => v.id === village) || communeOf(village) !== communeOf(staff(s).village_id)) {
      throw invalid('village', 'unknown');
    }
    const title = String(input.title ?? '').trim();
    if (title === '') throw invalid('title', 'empty');
    if (title.length > 100) throw invalid('title', 'too-long', { max: 100 });
    const place = String(input.place ?? '').trim();
    const starts = Number(input.starts_at);
    const ends = Number(input.ends_at);
    if (!(starts > 0)) throw invalid('starts-at', 'empty');
    if (!(ends > starts) || ends - starts > 24 * 3600 * 1000) throw invalid('ends-at', 'order');
    const lessons = [...new Set((input.lessons as string[]) ?? [])];
    if (lessons.some((l) => !lessonById(l))) throw invalid('lessons', 'unknown');
    const skills = [...new Set((input.skills as string[]) ?? [])].sort();
    if (skills.some((k) => !BASIC.includes(k))) throw invalid('skills', 'unknown');
    return { village_id: village, title, place: place === '' ? null : place, starts_at: starts, ends_at: ends, lessons, skills };
  };
  /** The class of a session, as crates/core/src/training/class.rs works it out. */
  const classProgress = (s: MockState, session: MockSession, language: string) => {
    const MIN_ANSWERED = 3;
    const SESSIONS_FOR_SKILLS = 2;
    const lessons = session.lessons.map(lessonById).filter((l) => l !== undefined);
    const learners = roster(s, session.id)
      .filter((r) => ATTENDED.includes(r.status))
      .map((r) => {
        const facts = s.facts.filter((f) => f.profile_id === r.profile_id);
        return {
          profile_id: r.profile_id,
          name: r.name,
          status: r.status,
          lessons: lessons.map((l) => {
            const mine = facts.filter((f) => f.lesson_id === l.id);
            const firsts = l.quiz
              .map((q) => mine.find((f) => f.kind === 'answer' && f.question_id === q.id))
              .filter((f) => f !== undefined);
            const state = mine.some((f) => f.kind === 'complete') ? 'completed' : mine.length > 0 ? 'started' : 'not-started';
            return { lesson_id: l.id, state, first_right: firsts.filter((f) => f.correct).length, first_answered: firsts.length };
          }),
        };
      });
    const needs_help = learners
      .map((l) => {
        const reasons: unknown[] = [];
        const unfinished = l.lessons.filter((c) => c.state !== 'completed').length;
        if (unfinished > 0) reasons.push({ rule: 'not-completed', lessons: unfinished });
        const answered = l.lessons.reduce((n, c) => n + c.first_answered, 0);
        const wrong = answered - l.lessons.reduce((n, c) => n + c.first_right, 0);
        if (answered >= MIN_ANSWERED && wrong * 2 > answered) reasons.push({ rule: 'mostly-wrong', wrong, answered });
        const has = held(s, l.profile_id);
        const missing = BASIC.filter((k) => !has.has(k));
        const sessions = sessionsAttended(s, l.profile_id);
        if (sessions >= SESSIONS_FOR_SKILLS && missing.length > 0) reasons.push({ rule: 'missing-skills', sessions, missing });
        return { profile_id: l.profile_id, name: l.name, reasons };
      })
      .filter((n) => n.reasons.length > 0);
    const hardest = lessons.flatMap((l) =>
      l.quiz
        .map((q) => {
          const firsts = learners
            .map((x) => s.facts.find((f) => f.profile_id === x.profile_id && f.kind === 'answer' && f.question_id === q.id))
            .filter((f) => f !== undefined);
          return {
            lesson_id: l.id,
            question_id: q.id,
            prompt: pick(q.prompt, language),
            wrong: firsts.filter((f) => !f.correct).length,
            answered: firsts.length,
          };
        })
        .filter((q) => q.wrong > 0)
        .sort((a, b) => b.wrong - a.wrong || a.answered - b.answered || a.prompt.localeCompare(b.prompt))
        .slice(0, 3),
    );
    return {
      lessons: lessons.map((l, i) => {
        const count = (state: string) => learners.filter((x) => x.lessons[i].state === state).length;
        return {
          id: l.id,
          title: pick(l.title, language),
          questions: l.quiz.length,
          completed: count('completed'),
          started: count('started'),
          not_started: count('not-started'),
        };
      }),
      learners,
      needs_help,
      hardest,
      min_answered: MIN_ANSWERED,
      sessions_for_skills: SESSIONS_FOR_SKILLS,
    };
  };
  /** The numbers of a session's report, as crates/core/src/training/report.rs counts them. */
  const sessionReport = (s: MockState, session: MockSession) => {
    const rows = roster(s, session.id).map((r) => ({
      profile_id: r.profile_id,
      name: r.name,
      village: r.village_name,
      household: r.household_name,
      status: r.status,
      skills: r.skills,
      lessons_completed: session.lessons.filter((l) =>
        s.facts.some((f) => f.profile_id === r.profile_id && f.lesson_id === l && f.kind === 'complete'),
      ).length,
      all_five: r.all_five,
    }));
    const count = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).length;
    return {
      session: sessionView(s, session),
      rows,
      listed: rows.length,
      attended: count((r) => ATTENDED.includes(r.status)),
      late: count((r) => r.status === 'late'),
      absent: count((r) => r.status === 'absent'),
      skills: BASIC.map((skill) => ({ skill, people: count((r) => r.skills.includes(skill)) })),
      attended_with_all_five: count((r) => ATTENDED.includes(r.status) && r.all_five),
      lessons_completed: rows.reduce((n, r) => n + r.lessons_completed, 0),
    };
  };

  // ---- A farmer's products and buyers' inquiries, by the rules of crates/core/src/market. ----

  const LISTING_STATUSES = ['draft', 'published', 'sold-out', 'archived'];
  const INQUIRY_STATUSES = ['new', 'answered', 'closed'];
  const BANKS = [
    { bin: '970405', short_name: 'Agribank', name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam' },
    { bin: '970418', short_name: 'BIDV', name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam' },
    { bin: '970415', short_name: 'VietinBank', name: 'Ngân hàng TMCP Công Thương Việt Nam' },
    { bin: '970436', short_name: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam' },
  ];
  /** Money as the Rust side's messages write it: 100.000.000 ₫, or 100,000,000 ₫ in English. */
  const dong = (amount: number) =>
    `${String(amount).replace(/\B(?=(\d{3})+$)/g, load().language === 'en' ? ',' : '.')} ₫`;
  /** validate::text and optional_text: trimmed, blank is none, at most `max` characters. */
  const optionalText = (field: string, value: unknown, max: number): string | null => {
    const text = String(value ?? '').trim();
    if (text === '') return null;
    if ([...text].length > max) throw invalid(field, 'too-long', { max });
    return text;
  };
  const requiredText = (field: string, value: unknown, max: number): string => {
    const text = optionalText(field, value, max);
    if (text === null) throw invalid(field, 'empty');
    return text;
  };
  /** validate::phone: a Vietnamese number, returned as 0xxxxxxxxx. */
  const phone = (field: string, value: unknown): string => {
    const digits = String(value ?? '').replace(/[ .\-()]/g, '');
    const national = digits.startsWith('+84')
      ? `0${digits.slice(3)}`
      : digits.startsWith('84') && (digits.length === 11 || digits.length === 12)
        ? `0${digits.slice(2)}`
        : digits;
    if (!/^0[35789]\d{8}$/.test(national) && !/^02\d{9}$/.test(national)) throw invalid(field, 'phone');
    return national;
  };
  /** validate::date: a real day, 2000 to 2100, as YYYY-MM-DD. */
  const isoDate = (field: string, value: string | null): string | null => {
    if (value === null) return null;
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
    const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
    if (!m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1 || Number(m[1]) < 2000 || Number(m[1]) > 2100) {
      throw invalid(field, 'format');
    }
    return date.toISOString().slice(0, 10);
  };
  const digitsOf = (field: string, value: string | null, min: number, max: number): string | null => {
    const v = (value ?? '').replace(/[ .\-]/g, '');
    if (v === '') return null;
    if (v.length < min || v.length > max || !/^\d+$/.test(v)) throw invalid(field, 'format');
    return v;
  };
  /** The open profile, if it is a farmer's with a village. */
  const farmer = (s: MockState) => {
    const p = me(s);
    if (p.role !== 'farmer' || p.village_id === null) throw refuse('error-farmer-only');
    return p;
  };
  const ownListing = (s: MockState, id: unknown) => {
    const mine = farmer(s);
    const found = (s.listings ?? []).find((l) => l.id === id && l.owner_id === mine.id);
    if (!found) throw invalid('listing', 'unknown');
    return found;
  };
  /** A listing's fields checked as listing_values does, in its order; photos must be on this phone. */
  const listingValues = (s: MockState, input: Record<string, unknown>, already: string[]) => {
    const name = requiredText('name', input.name, 80);
    const price = Number(input.price_dong);
    if (!(Number.isInteger(price) && price >= 1 && price <= 100_000_000)) {
      throw invalid('price', 'money', { min: dong(1), max: dong(100_000_000) });
    }
    const unit = requiredText('unit', input.unit, 40);
    const madeToOrder = Boolean(input.made_to_order);
    const quantity = input.quantity === null || input.quantity === undefined ? null : Number(input.quantity);
    if (!madeToOrder && quantity === null) throw invalid('quantity', 'empty');
    if (!madeToOrder && quantity !== null && !(quantity >= 0 && quantity <= 10_000_000)) {
      throw invalid('quantity', 'range', { min: 0, max: 10_000_000 });
    }
    const stars = input.ocop_stars === null ? null : Number(input.ocop_stars);
    if (stars !== null && !(stars >= 3 && stars <= 5)) throw invalid('ocop-stars', 'range', { min: 3, max: 5 });
    const expiry = isoDate('ocop-expiry', input.ocop_expiry as string | null);
    if (stars === null && expiry !== null) throw invalid('ocop-stars', 'empty');
    const photos = (input.photos as string[]) ?? [];
    if (photos.length > 6) throw invalid('photos', 'too-long', { max: 6 });
    if (photos.some((h) => !already.includes(h) && !s.photos?.[h])) throw invalid('photos', 'unknown');
    const bin = digitsOf('bank-bin', input.bank_bin as string | null, 6, 6);
    const account = digitsOf('bank-account', input.bank_account as string | null, 6, 19);
    const holder = optionalText('bank-holder', input.bank_holder, 80);
    if ([bin, account, holder].some((v) => v !== null)) {
      if (bin === null) throw invalid('bank-bin', 'empty');
      if (account === null) throw invalid('bank-account', 'empty');
      if (holder === null) throw invalid('bank-holder', 'empty');
    }
    return {
      name,
      ocop_group: optionalText('ocop-group', input.ocop_group, 40),
      category: optionalText('category', input.category, 40),
      description: optionalText('description', input.description, 2000),
      story: optionalText('story', input.story, 4000),
      price_dong: price,
      unit,
      pack_size: optionalText('pack-size', input.pack_size, 40),
      quantity: madeToOrder ? null : quantity,
      made_to_order: madeToOrder,
      season: optionalText('season', input.season, 40),
      available_from: isoDate('available-from', input.available_from as string | null),
      ocop_stars: stars,
      ocop_expiry: expiry,
      certifications: (input.certifications as string[]) ?? [],
      photos,
      contact_phone: phone('phone', input.contact_phone),
      zalo: String(input.zalo ?? '').trim() === '' ? null : phone('zalo', input.zalo),
      bank_bin: bin,
      bank_account: account,
      bank_holder: holder,
    };
  };
  /** The farmer's inquiries, newest first, each with the name of its product. */
  const inquiriesFor = (s: MockState) => {
    const mine = farmer(s);
    const listings = (s.listings ?? []).filter((l) => l.owner_id === mine.id);
    return (s.inquiries ?? [])
      .filter((i) => listings.some((l) => l.id === i.listing_id))
      .sort((a, b) => b.created_at - a.created_at)
      .map((i) => ({ ...i, product: listings.find((l) => l.id === i.listing_id)?.name ?? null }));
  };
  /**
   * A content address as long as the store's SHA-256 (a page served over http has no
   * crypto.subtle): eight FNV-1a lanes, each with its own start and multiplier.
   */
  const contentHash = (bytes: Uint8Array) => {
    const lanes = Array.from({ length: 8 }, (_, i) => (0x811c9dc5 ^ Math.imul(i, 0x9e3779b9)) >>> 0);
    for (const b of bytes) {
      for (let i = 0; i < 8; i += 1) lanes[i] = Math.imul(lanes[i] ^ b, 0x01000193 + 2 * i) >>> 0;
    }
    return lanes.map((l) => l.toString(16).padStart(8, '0')).join('');
  };
  /** The sniffed kind of a picked photo, as the photo crate reads it. */
  const isPicture = (b: Uint8Array) =>
    (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) ||
    (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) ||
    (String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP');

  // ---- An official's dashboard, as crates/commands/src/dashboard.rs answers it. ----

  /** The open profile's commune dashboard, if the profile is an official's with a village. */
  const dashboardOf = (s: MockState) => {
    const p = me(s);
    if (p.role !== 'official' || p.village_id === null) throw refuse('error-official-only');
    if (s.dashboard) return s.dashboard;
    // Nothing counted yet: the commune's villages, each with nothing.
    const commune = communeOf(p.village_id);
    const none = () => ({
      people_registered: 0,
      people_trained: 0,
      lessons_completed: 0,
      active_learners: 0,
      skills: BASIC.map((skill) => ({ skill, people: 0 })),
      people_all_five: 0,
      households: 0,
      households_at_target: 0,
      sessions_held: 0,
      volunteers_active: 0,
      listings_published: 0,
      inquiries_received: 0,
      inquiries_answered: 0,
    });
    const today = new Date();
    return {
      commune_id: commune,
      commune_name: fx.villages.find((v) => v.commune_id === commune)?.commune ?? '',
      district: null,
      province: null,
      target_percent: null,
      totals: none(),
      villages: fx.villages
        .filter((v) => v.commune_id === commune)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((v) => ({ village_id: v.id, name: v.name, figures: none() })),
      months: Array.from({ length: 12 }, (_, i) => {
        const d = new Date(today.getFullYear(), today.getMonth() - 11 + i, 1);
        return {
          month: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`,
          people_registered: 0,
          people_trained: 0,
          lessons_completed: 0,
          sessions_held: 0,
          inquiries_received: 0,
          people_all_five_total: 0,
          households_at_target_total: 0,
        };
      }),
      counted_at: Date.now(),
    } as Dashboard;
  };
  const escapeXml = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  /** A small SVG document as charts-rs writes one: 420 wide, with its own title. */
  const svgChart = (height: number, title: string, body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="${height}" viewBox="0 0 420 ${height}">` +
    `<rect x="0" y="0" width="420" height="${height}" fill="#ffffff"/>` +
    `<text x="8" y="24" font-family="Roboto, sans-serif" font-size="16" font-weight="bold" fill="#333333">${escapeXml(title)}</text>` +
    `${body}</svg>`;
  /** The villages side by side: people trained, all five skills, households at target. */
  const villageChart = (d: Dashboard, language: string) => {
    const most = Math.max(1, ...d.villages.map((v) => v.figures.people_trained));
    const colours = ['#2f6fb3', '#e08a1e', '#2e8b57'];
    const body = d.villages
      .map((v, i) => {
        const values = [v.figures.people_trained, v.figures.people_all_five, v.figures.households_at_target];
        const bars = values
          .map((n, j) => {
            const h = Math.round((n / most) * 150);
            return `<rect x="${30 + i * 130 + j * 34}" y="${200 - h}" width="30" height="${h}" fill="${colours[j]}"/>`;
          })
          .join('');
        return `${bars}<text x="${30 + i * 130}" y="222" font-family="Roboto, sans-serif" font-size="12" fill="#333333">${escapeXml(v.name)}</text>`;
      })
      .join('');
    return svgChart(240, language === 'en' ? 'By village' : 'Theo thôn', body);
  };
  /** Households at target month by month, as a share, against the target. */
  const monthChart = (d: Dashboard, language: string) => {
    const y = (percent: number) => Math.round(200 - percent * 1.6);
    const share = (n: number) => (d.totals.households > 0 ? (n * 100) / d.totals.households : 0);
    const points = d.months.map((m, i) => `${30 + i * 32},${y(share(m.households_at_target_total))}`).join(' ');
    const target =
      d.target_percent === null
        ? ''
        : `<line x1="30" x2="400" y1="${y(d.target_percent)}" y2="${y(d.target_percent)}" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 4"/>`;
    const body = `<line x1="30" x2="400" y1="200" y2="200" stroke="#333333"/>${target}<polyline points="${points}" fill="none" stroke="#2e8b57" stroke-width="3"/>`;
    return svgChart(230, language === 'en' ? 'Households at target by month' : 'Hộ đạt chuẩn theo tháng', body);
  };

  /** The sync status as the Rust side reports it: with the profiles still waiting for a village. */
  const syncView = (s: MockState) => ({
    ...s.sync,
    unplaced: s.profiles.filter((p) => !p.deleted && p.village_id === null).length,
  });

  type Args = Record<string, unknown>;
  const commands: Record<string, (a: Args) => unknown> = {
    dashboard: () => dashboardOf(load()),
    dashboard_charts: (a) => {
      const d = dashboardOf(load());
      const language = String(a.language);
      return { villages: villageChart(d, language), months: monthChart(d, language) };
    },
    set_household_target: (a) => {
      const s = load();
      const d = dashboardOf(s);
      const percent = a.percent === null || a.percent === undefined ? null : Number(a.percent);
      if (percent !== null && !(Number.isInteger(percent) && percent >= 1 && percent <= 100)) {
        throw invalid('target', 'range', { min: 1, max: 100 });
      }
      s.dashboard = { ...d, target_percent: percent };
      save(s);
      return s.dashboard;
    },
    office_code: () => {
      const s = load();
      dashboardOf(s);
      // From the server, which the device reaches as an official's.
      official();
      return { code: 'HX4T-9KQM', expires_at: Date.now() + 10 * 60 * 1000, address: 'http://192.168.1.10:8080/office' };
    },
    get_settings: () => ({ language: load().language }),
    set_language: (a) => {
      const s = load();
      s.language = String(a.language);
      save(s);
      return { language: s.language };
    },
    sync_status: () => {
      const s = load();
      const answer = syncView(s);
      if (s.sync.syncing) {
        // Asked to sync: it has now, and it went well.
        s.sync = { ...s.sync, syncing: false, online: true, waiting: 0, error: null, last_ok_at: Date.now() };
        save(s);
      }
      return answer;
    },
    enroll: (a) => {
      const s = load();
      if (String(a.code).trim() === '') throw invalid('code', 'empty');
      // Joined, and the first sync brings the commune's villages.
      s.sync = { ...s.sync, enrolled: true, role: 'villager', syncing: true };
      save(s);
      return syncView(s);
    },
    sync_now: () => {
      const s = load();
      if (s.sync.enrolled) s.sync = { ...s.sync, syncing: true };
      save(s);
      return syncView(s);
    },
    hub_info: () => null,
    commune_devices: () => {
      const s = official();
      return [...(s.devices ?? [])].sort(
        (a, b) => Number(a.revoked_at !== null) - Number(b.revoked_at !== null) || b.enrolled_at - a.enrolled_at,
      );
    },
    revoke_device: (a) => {
      const s = official();
      const d = (s.devices ?? []).find((x) => x.node === a.node);
      if (!d) throw fail('devices-error-unknown-device');
      if (d.this_device) throw fail('devices-error-own-device');
      if (d.revoked_at !== null) throw fail('devices-error-already-revoked');
      d.revoked_at = Date.now();
      save(s);
      return null;
    },
    join_codes: () => ({
      codes: official().codes ?? [],
      max_days: 90,
      max_uses: 1000,
      defaults: [
        { role: 'villager', days: 14, uses: 200 },
        { role: 'farmer', days: 14, uses: 200 },
        { role: 'volunteer', days: 14, uses: 10 },
        { role: 'official', days: 14, uses: 1 },
      ],
    }),
    make_join_code: (a) => {
      const s = official();
      const days = Number(a.days);
      const uses = Number(a.uses);
      if (!(days >= 1 && days <= 90 && uses >= 1 && uses <= 1000)) throw fail('server-error-code-limits');
      const created = Date.now();
      const listed: MockCode = {
        id: `c0de${String((s.codes ?? []).length + 1).padStart(8, '0')}`,
        role: String(a.role),
        created_at: created,
        expires_at: created + days * 86_400_000,
        uses: 0,
        max_uses: uses,
        state: 'active',
      };
      s.codes = [listed, ...(s.codes ?? [])];
      save(s);
      return { code: 'MK7P-3XQA', listed };
    },
    revoke_join_code: (a) => {
      const s = official();
      const c = (s.codes ?? []).find((x) => x.id === a.id);
      if (!c) throw fail('devices-error-unknown-code');
      if (c.state === 'revoked') throw fail('devices-error-code-already-revoked');
      c.state = 'revoked';
      save(s);
      return null;
    },
    sessions: () => {
      const s = load();
      const commune = communeOf(staff(s).village_id);
      return (s.sessions ?? [])
        .filter((x) => communeOf(x.village_id) === commune)
        .sort((a, b) => a.starts_at - b.starts_at)
        .map((x) => sessionView(s, x));
    },
    session: (a) => {
      const s = load();
      return sessionView(s, ourSession(s, a.id));
    },
    plan_session: (a) => {
      const s = load();
      const values = sessionInput(s, a.input as Record<string, unknown>);
      const planned: MockSession = {
        id: `s-${(s.sessions ?? []).length + 1}-a1b2c3`,
        volunteer_id: staff(s).id,
        cancelled_at: null,
        cancel_reason: null,
        ...values,
      };
      s.sessions = [...(s.sessions ?? []), planned];
      save(s);
      return sessionView(s, planned);
    },
    edit_session: (a) => {
      const s = load();
      const session = openSession(s, a.id);
      Object.assign(session, sessionInput(s, a.input as Record<string, unknown>));
      save(s);
      return sessionView(s, session);
    },
    cancel_session: (a) => {
      const s = load();
      const reason = String(a.reason ?? '').trim();
      if (reason === '') throw invalid('cancel-reason', 'empty');
      const session = openSession(s, a.id);
      Object.assign(session, { cancelled_at: now(), cancel_reason: reason });
      save(s);
      return sessionView(s, session);
    },
    find_people: (a) => {
      const s = load();
      const commune = communeOf(staff(s).village_id);
      const words = fold(String(a.query)).split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      return s.profiles
        .filter((p) => !p.deleted && communeOf(p.village_id) === commune)
        .filter((p) => words.every((w) => fold(p.name).split(/\s+/).some((n) => n.startsWith(w))))
        .sort((x, y) => fold(x.name).localeCompare(fold(y.name)) || x.id.localeCompare(y.id))
        .slice(0, 30)
        .map((p) => personHit(s, p));
    },
    households: (a) => {
      const s = load();
      if (communeOf(String(a.villageId)) !== communeOf(staff(s).village_id)) throw invalid('village', 'unknown');
      return (s.households ?? [])
        .filter((h) => h.village_id === a.villageId)
        .sort((x, y) => x.head_name.localeCompare(y.head_name, 'vi'))
        .map((h) => ({ ...h, members: s.profiles.filter((p) => !p.deleted && p.household === h.id).length }));
    },
    register_person: (a) => {
      const s = load();
      const session = ourSession(s, a.sessionId);
      const n = a.profile as {
        village_id: string;
        role: string;
        name: string;
        birth_year: number | null;
        phone: string | null;
        consent_version: string | null;
        read_aloud: boolean;
      };
      if (n.role !== 'villager' && n.role !== 'farmer') throw invalid('profile', 'unknown');
      const name = n.name.trim();
      if (name === '') throw invalid('name', 'empty');
      if (n.birth_year !== null && (n.birth_year < 1900 || n.birth_year > new Date().getFullYear())) {
        throw invalid('birth-year', 'range', { min: 1900, max: new Date().getFullYear() });
      }
      if (n.phone !== null && n.phone.trim() !== '' && !/^0[0-9 ]{9,12}$/.test(n.phone.trim())) throw invalid('phone', 'phone');
      if (!n.consent_version) throw invalid('consent', 'consent');
      openSession(s, session.id);
      if (!fx.villages.some((v) => v.id === n.village_id)) throw invalid('village', 'unknown');
      const choice = a.household as { kind: string; id?: string; head_name?: string; address?: string | null };
      let household: string | null = null;
      if (choice.kind === 'existing') {
        const h = (s.households ?? []).find((x) => x.id === choice.id);
        if (!h) throw invalid('household', 'unknown');
        if (h.village_id !== n.village_id) throw invalid('household', 'other-village');
        household = h.id;
      } else if (choice.kind === 'new') {
        const head = (choice.head_name ?? '').trim();
        if (head === '') throw invalid('head-name', 'empty');
        household = `h-${(s.households ?? []).length + 1}`;
        const address = (choice.address ?? '').trim();
        s.households = [...(s.households ?? []), { id: household, village_id: n.village_id, head_name: head, address: address === '' ? null : address }];
      }
      if (communeOf(n.village_id) !== communeOf(session.village_id)) throw invalid('village', 'other-commune');
      const p: MockProfile = {
        id: `p-${s.profiles.length + 1}`,
        village_id: n.village_id,
        role: n.role,
        name,
        avatar: null,
        pin: null,
        consent_at: Date.now(),
        consent_version: n.consent_version,
        deleted: false,
        household,
        birth_year: n.birth_year,
        phone: n.phone?.trim() || null,
        read_aloud: Boolean(n.read_aloud),
      };
      s.profiles.push(p);
      mark(s, session.id, p.id, String(a.status));
      save(s);
      return profileView(p);
    },
    add_to_session: (a) => {
      const s = load();
      const session = openSession(s, a.sessionId);
      if (!statusOf(s, session.id, String(a.profileId))) mark(s, session.id, String(a.profileId), 'listed');
      save(s);
      return roster(s, session.id);
    },
    mark_attendance: (a) => {
      const s = load();
      mark(s, String(a.sessionId), String(a.profileId), String(a.status));
      save(s);
      return roster(s, String(a.sessionId));
    },
    check_skill: (a) => {
      const s = load();
      const skill = String(a.skill);
      if (!BASIC.includes(skill)) throw invalid('skills', 'unknown');
      const session = openSession(s, a.sessionId);
      const profile = String(a.profileId);
      if (!alive(s, profile)) throw invalid('profile', 'unknown');
      if (!ATTENDED.includes(statusOf(s, session.id, profile)?.status ?? '')) throw invalid('profile', 'not-present');
      if ((checkedAt(s, session.id, profile, skill)?.checked ?? false) !== a.checked) {
        s.checks = [...(s.checks ?? []), { session_id: session.id, profile_id: profile, skill, checked: Boolean(a.checked), at: now() }];
      }
      save(s);
      return roster(s, session.id);
    },
    roster: (a) => {
      const s = load();
      return roster(s, ourSession(s, a.sessionId).id);
    },
    learning_nearby: (a) => {
      const s = load();
      const session = ourSession(s, a.sessionId);
      const margin = 30 * 60 * 1000;
      return s.profiles
        .filter((p) => !p.deleted && communeOf(p.village_id) === communeOf(session.village_id))
        .filter((p) => s.facts.some((f) => f.profile_id === p.id && f.at >= session.starts_at - margin && f.at <= session.ends_at + margin))
        .filter((p) => !(s.marks ?? []).some((m) => m.session_id === session.id && m.profile_id === p.id))
        .sort((x, y) => x.name.localeCompare(y.name) || x.id.localeCompare(y.id))
        .map((p) => personHit(s, p));
    },
    class_progress: (a) => {
      const s = load();
      return classProgress(s, ourSession(s, a.sessionId), String(a.language));
    },
    skill_record: (a) => {
      const s = load();
      const mine = staff(s);
      const p = alive(s, String(a.profileId));
      if (!p || communeOf(p.village_id) !== communeOf(mine.village_id)) throw invalid('profile', 'unknown');
      const has = held(s, p.id);
      return {
        profile_id: p.id,
        marks: BASIC.map((skill) => ({ skill, checked_at: has.get(skill) ?? null })),
        all_five: has.size === 5,
        sessions_attended: sessionsAttended(s, p.id),
      };
    },
    session_report: (a) => {
      const s = load();
      return sessionReport(s, ourSession(s, a.sessionId));
    },
    export_session_report: (a) => {
      const s = load();
      const report = sessionReport(s, ourSession(s, a.sessionId));
      const d = new Date(report.session.starts_at + 7 * 3600 * 1000);
      const two = (n: number) => String(n).padStart(2, '0');
      const day = `${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
      const stem = `${a.language === 'en' ? 'training-session' : 'buoi-tap-huan'}-${day}-${report.session.id.slice(-6)}`;
      return { csv_path: `/home/volunteer/Downloads/${stem}.csv`, pdf_path: `/home/volunteer/Downloads/${stem}.pdf`, report };
    },
    my_listings: () => {
      const s = load();
      const mine = farmer(s);
      const asked = inquiriesFor(s);
      return (s.listings ?? [])
        .filter((l) => l.owner_id === mine.id)
        .reverse()
        .map((listing) => ({
          listing,
          inquiries: asked.filter((i) => i.listing_id === listing.id).length,
          new_inquiries: asked.filter((i) => i.listing_id === listing.id && i.status === 'new').length,
        }));
    },
    my_listing: (a) => ownListing(load(), a.id),
    create_listing: (a) => {
      const s = load();
      const mine = farmer(s);
      const listing: MockListing = {
        id: `l-${(s.listings ?? []).length + 1}-farm`,
        commune_id: communeOf(mine.village_id) ?? 'c-lung-cu',
        owner_id: mine.id,
        status: 'draft',
        ...listingValues(s, a.input as Record<string, unknown>, []),
      };
      s.listings = [...(s.listings ?? []), listing];
      save(s);
      return listing;
    },
    edit_listing: (a) => {
      const s = load();
      const listing = ownListing(s, a.id);
      Object.assign(listing, listingValues(s, a.input as Record<string, unknown>, listing.photos));
      save(s);
      return listing;
    },
    set_listing_status: (a) => {
      const s = load();
      const listing = ownListing(s, a.id);
      if (!LISTING_STATUSES.includes(String(a.status))) throw invalid('listing', 'unknown');
      listing.status = String(a.status);
      save(s);
      return listing;
    },
    add_listing_photo: (a) => {
      const s = load();
      farmer(s);
      const text = String(a.photo ?? '').trim();
      let bytes: Uint8Array;
      try {
        bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
      } catch {
        throw refuse('photo-error-unreadable');
      }
      if (bytes.length > 40 * 1024 * 1024) throw refuse('photo-error-too-large');
      if (!isPicture(bytes)) throw refuse('photo-error-unreadable');
      const hash = contentHash(bytes);
      s.photos = { ...(s.photos ?? {}), [hash]: text };
      save(s);
      return { hash, width: 1600, height: 1200, bytes: bytes.length };
    },
    my_inquiries: () => inquiriesFor(load()),
    set_inquiry_status: (a) => {
      const s = load();
      const found = (s.inquiries ?? []).find((i) => i.id === a.id && inquiriesFor(s).some((x) => x.id === i.id));
      if (!found) throw invalid('message', 'unknown');
      if (!INQUIRY_STATUSES.includes(String(a.status))) throw invalid('message', 'unknown');
      found.status = String(a.status);
      save(s);
      return found;
    },
    banks: () => BANKS,
    open_contact: (a) => {
      const s = load();
      farmer(s);
      const number = phone('phone', a.phone);
      if (a.via !== 'call' && a.via !== 'zalo') throw invalid('phone', 'unknown');
      // Recorded without moving the data version: opening the dialer changes nothing stored.
      s.contacts = [...(s.contacts ?? []), { phone: number, via: String(a.via) }];
      localStorage.setItem(KEY, JSON.stringify(s));
      return null;
    },
    data_version: () => load().version ?? 0,
    catalogue: (a) => fx.lessons.map((l) => card(l, String(a.language))),
    // A phone that joined no commune has no villages: they come with its first sync.
    villages: () => (load().sync.enrolled ? fx.villages : []),
    device_profiles: () => {
      const s = load();
      return s.profiles
        .filter((p) => !p.deleted && s.device[p.id])
        .sort((a, b) => s.device[b.id].last_used_at - s.device[a.id].last_used_at)
        .map((p) => ({
          id: p.id,
          name: p.name,
          avatar: p.avatar,
          has_pin: p.pin !== null,
          village: fx.villages.find((v) => v.id === p.village_id)?.name ?? '',
          placed: p.village_id !== null,
        }));
    },
    create_profile: (a) => {
      const n = a.profile as {
        village_id: string | null;
        role: string;
        name: string;
        avatar: string | null;
        pin: string | null;
        consent_version: string | null;
        read_aloud: boolean;
      };
      if (!n.consent_version) throw fail('error-consent');
      checkPerson(n.name, n.pin);
      const s = load();
      const p: MockProfile = {
        id: `p-${s.profiles.length + 1}`,
        village_id: n.village_id,
        role: n.role,
        name: n.name.trim(),
        avatar: n.avatar,
        pin: n.pin,
        consent_at: Date.now(),
        consent_version: n.consent_version,
        deleted: false,
        read_aloud: Boolean(n.read_aloud),
      };
      s.profiles.push(p);
      return opened(s, p);
    },
    open_profile: (a) => {
      const s = load();
      const p = s.profiles.find((x) => x.id === a.id && !x.deleted);
      if (!p) throw fail('error-no-profile');
      if (p.pin !== null && p.pin !== a.pin) throw fail('error-wrong-pin');
      return opened(s, p);
    },
    close_profile: () => {
      session = null;
      return null;
    },
    edit_profile: (a) => {
      const s = load();
      const p = me(s);
      const e = a.edit as { name: string; avatar: string | null; village_id: string | null };
      checkPerson(e.name, null);
      // No village keeps a profile that has none without one.
      Object.assign(p, { name: e.name.trim(), avatar: e.avatar, village_id: e.village_id ?? p.village_id });
      save(s);
      return profileView(p);
    },
    my_record: () => {
      const s = load();
      const p = me(s);
      return { profile: profileView(p), refusal: s.refusals?.[p.id] ?? null };
    },
    dismiss_refusal: () => {
      const s = load();
      delete s.refusals?.[me(s).id];
      save(s);
      return null;
    },
    place_profile: (a) => {
      const s = load();
      const p = me(s);
      const village = fx.villages.find((v) => v.id === a.villageId);
      if (!village) throw invalid('village', 'unknown');
      p.village_id = village.id;
      save(s);
      return profileView(p);
    },
    set_read_aloud: (a) => {
      const s = load();
      const p = me(s);
      p.read_aloud = Boolean(a.on);
      save(s);
      return profileView(p);
    },
    set_pin: (a) => {
      const s = load();
      const pin = (a.pin as string | null) ?? null;
      checkPerson('x', pin);
      me(s).pin = pin;
      save(s);
      return null;
    },
    set_display: (a) => {
      const s = load();
      const p = me(s);
      const d = a.display as { text_size: number; high_contrast: boolean };
      s.device[p.id] = { ...s.device[p.id], ...d };
      save(s);
      return d;
    },
    delete_profile: () => {
      const s = load();
      const p = me(s);
      Object.assign(p, { name: '', avatar: null, pin: null, deleted: true });
      delete s.device[p.id];
      session = null;
      save(s);
      return null;
    },
    export_profile: () => {
      const s = load();
      const p = me(s);
      const json = JSON.stringify({ profile: profileView(p), lesson_progress: s.facts.filter((f) => f.profile_id === p.id) }, null, 2);
      return { path: `/home/villager/Downloads/langso-${p.id}.json`, json };
    },
    lesson: (a) => {
      const l = lessonById(String(a.id));
      const language = String(a.language);
      if (!l) throw fail('error-no-profile');
      const ref = (hash: string) => ({ hash, mime: fx.assets[hash].mime });
      return {
        card: card(l, language),
        steps: l.steps.map((st) => ({
          text: pick(st.text, language),
          illustration: ref(st.illustration),
          narration: ref(language === 'en' ? st.narration.en : st.narration.vi),
        })),
        quiz: l.quiz.map((q) => ({
          id: q.id,
          prompt: pick(q.prompt, language),
          choices: q.choices.map((c) => pick(c, language)),
          narration: ref(pick(q.narration, language)),
          choice_narrations: q.choice_narrations.map((n) => ref(pick(n, language))),
        })),
      };
    },
    asset: (a) => {
      // A lesson's file, or a photo a farmer added.
      const base64 = fx.assets[String(a.hash)]?.base64 ?? load().photos?.[String(a.hash)];
      if (base64 === undefined) throw { code: 'error-internal', message: `mock: no file ${String(a.hash)}` };
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      return bytes.buffer;
    },
    search_lessons: (a) => {
      const fold = (t: string) => t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toLowerCase();
      const words = fold(String(a.query)).split(/\s+/).filter(Boolean);
      return fx.lessons
        .filter((l) => {
          const text = fold(`${l.title.vi} ${l.summary.vi} ${l.title.en} ${l.summary.en}`);
          return words.every((w) => text.includes(w));
        })
        .map((l) => l.id);
    },
    progress: () => {
      const s = load();
      const p = me(s);
      const mine = s.facts.filter((f) => f.profile_id === p.id);
      return [...new Set(mine.map((f) => f.lesson_id))].map((lesson_id) => {
        const facts = mine.filter((f) => f.lesson_id === lesson_id);
        const steps = facts.filter((f) => f.kind === 'step');
        const answers = facts.filter((f) => f.kind === 'answer');
        const done = facts.find((f) => f.kind === 'complete');
        return {
          lesson_id,
          last_step: steps.length ? steps[steps.length - 1].step : null,
          completed_at: done ? done.at : null,
          answers: answers.length,
          right: answers.filter((f) => f.correct).length,
          right_questions: [...new Set(answers.filter((f) => f.correct).map((f) => f.question_id))],
        };
      });
    },
    record_step: (a) => {
      const s = load();
      s.facts.push({ profile_id: me(s).id, lesson_id: String(a.lessonId), kind: 'step', step: Number(a.step), at: now() });
      save(s);
      return null;
    },
    answer: (a) => {
      const s = load();
      const l = fx.lessons.find((x) => x.quiz.some((q) => q.id === a.questionId));
      const q = l?.quiz.find((x) => x.id === a.questionId);
      if (!l || !q) throw fail('error-no-profile');
      const correct = q.correct === Number(a.choice);
      s.facts.push({ profile_id: me(s).id, lesson_id: l.id, kind: 'answer', question_id: q.id, correct, at: now() });
      save(s);
      return {
        correct,
        correct_choice: q.correct,
        explanation: pick(q.explanation, String(a.language)),
        explanation_narration: { hash: pick(q.explanation_narration, String(a.language)), mime: 'audio/ogg' },
      };
    },
    complete_lesson: (a) => {
      const s = load();
      s.facts.push({ profile_id: me(s).id, lesson_id: String(a.lessonId), kind: 'complete', at: now() });
      save(s);
      return null;
    },
    save_certificate: (a) => {
      const s = load();
      const p = me(s);
      const extension = a.file === 'pdf' ? 'pdf' : 'png';
      return { path: `/home/villager/Downloads/giay-chung-nhan-${p.id}.${extension}` };
    },
    learnt: (a) => {
      const s = load();
      const p = me(s);
      const language = String(a.language);
      const done = fx.lessons.filter((l) => s.facts.some((f) => f.profile_id === p.id && f.lesson_id === l.id && f.kind === 'complete'));
      const basic = ['public-services', 'online-shopping', 'online-payments', 'online-safety', 'local-platforms'];
      const topics = [...basic, 'device-basics', 'selling-online', 'information'];
      return {
        name: p.name,
        village: fx.villages.find((v) => v.id === p.village_id)?.name ?? '',
        commune: 'Xã Lũng Cú',
        lessons: done.map((l) => ({
          lesson_id: l.id,
          title: pick(l.title, language),
          topic: l.topic,
          completed_at: s.facts.find((f) => f.profile_id === p.id && f.lesson_id === l.id && f.kind === 'complete')?.at ?? 0,
        })),
        skills: topics
          .map((topic) => {
            const total = fx.lessons.filter((l) => l.topic === topic).length;
            const completed = done.filter((l) => l.topic === topic).length;
            return { topic, basic: basic.includes(topic), completed, total, mastered: total > 0 && completed >= total };
          })
          .filter((x) => x.total > 0),
      };
    },
  };

  (window as unknown as { __TAURI_INTERNALS__: unknown }).__TAURI_INTERNALS__ = {
    invoke: async (cmd: string, args: Args) => {
      const command = commands[cmd];
      if (!command) throw { code: 'error-internal', message: `mock: no command ${cmd}` };
      return command(args ?? {});
    },
    transformCallback: () => 0,
  };
}
