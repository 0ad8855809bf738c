// The Rust side, imitated in the page: every command the UI calls, over state kept in
// localStorage so that a reload is an app restart with the same data. Runs inside the page
// (page.addInitScript), so it may use nothing from outside this function.
import type { Fixture } from './fixture';

export interface MockProfile {
  id: string;
  village_id: string;
  role: string;
  name: string;
  avatar: string | null;
  pin: string | null;
  consent_at: number;
  consent_version: string;
  deleted: boolean;
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
  last_ok_at: Date.UTC(2026, 10, 24, 7, 5),
  error: null,
};

export function installMockBackend({ fx, seed }: { fx: Fixture; seed: Partial<MockState> & Pick<MockState, 'sync'> }): void {
  const KEY = 'langso-mock-state';
  const fresh: MockState = { language: 'vi', profiles: [], device: {}, facts: [], ...seed };
  if (!localStorage.getItem(KEY)) localStorage.setItem(KEY, JSON.stringify(fresh));
  const load = (): MockState => JSON.parse(localStorage.getItem(KEY) ?? '{}') as MockState;
  const save = (s: MockState) => localStorage.setItem(KEY, JSON.stringify(s));
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
  const profileView = (p: MockProfile) => ({
    id: p.id,
    commune_id: 'c-lung-cu',
    village_id: p.village_id,
    role: p.role,
    name: p.name,
    household: null,
    birth_year: null,
    phone: null,
    avatar: p.avatar,
    has_pin: p.pin !== null,
    consent_at: p.consent_at,
    consent_version: p.consent_version,
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

  type Args = Record<string, unknown>;
  const commands: Record<string, (a: Args) => unknown> = {
    get_settings: () => ({ language: load().language }),
    set_language: (a) => {
      const s = load();
      s.language = String(a.language);
      save(s);
      return { language: s.language };
    },
    sync_status: () => {
      const s = load();
      const answer = { ...s.sync };
      if (s.sync.syncing) {
        // Asked to sync: it has now, and it went well.
        s.sync = { ...s.sync, syncing: false, online: true, waiting: 0, error: null, last_ok_at: Date.now() };
        save(s);
      }
      return answer;
    },
    sync_now: () => {
      const s = load();
      if (s.sync.enrolled) s.sync = { ...s.sync, syncing: true };
      save(s);
      return { ...s.sync };
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
    catalogue: (a) => fx.lessons.map((l) => card(l, String(a.language))),
    villages: () => fx.villages,
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
        }));
    },
    create_profile: (a) => {
      const n = a.profile as { village_id: string; role: string; name: string; avatar: string | null; pin: string | null; consent_version: string | null };
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
      const e = a.edit as { name: string; avatar: string | null; village_id: string };
      checkPerson(e.name, null);
      Object.assign(p, { name: e.name.trim(), avatar: e.avatar, village_id: e.village_id });
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
        quiz: l.quiz.map((q) => ({ id: q.id, prompt: pick(q.prompt, language), choices: q.choices.map((c) => pick(c, language)) })),
      };
    },
    asset: (a) => {
      const file = fx.assets[String(a.hash)];
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
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
      return { correct, correct_choice: q.correct, explanation: pick(q.explanation, String(a.language)) };
    },
    complete_lesson: (a) => {
      const s = load();
      s.facts.push({ profile_id: me(s).id, lesson_id: String(a.lessonId), kind: 'complete', at: now() });
      save(s);
      return null;
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
