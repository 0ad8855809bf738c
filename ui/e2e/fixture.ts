// What the mocked store holds at the start of a test: a commune with two villages and two
// lessons whose pictures and narration are real files from assets/lessons.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pack = fileURLToPath(new URL('../../assets/lessons/', import.meta.url));

export interface Texts {
  vi: string;
  en: string;
}

export interface FixtureStep {
  text: Texts;
  illustration: string;
  narration: { vi: string; en: string };
}

export interface FixtureQuestion {
  id: string;
  prompt: Texts;
  choices: Texts[];
  correct: number;
  explanation: Texts;
  /** The question, each choice and the explanation read aloud: asset hashes per language. */
  narration: Texts;
  choice_narrations: Texts[];
  explanation_narration: Texts;
}

export interface FixtureLesson {
  id: string;
  slug: string;
  topic: string;
  level: number;
  minutes: number;
  title: Texts;
  summary: Texts;
  steps: FixtureStep[];
  quiz: FixtureQuestion[];
}

export interface Fixture {
  villages: { id: string; name: string; commune_id: string; commune: string }[];
  lessons: FixtureLesson[];
  /** Asset files by hash (here: their path), base64. */
  assets: Record<string, { mime: string; base64: string }>;
  /** The one-line messages of locales/<lang>/{validation,errors}.ftl, for the mock's refusals. */
  messages: Record<string, Record<string, string>>;
}

const locales = fileURLToPath(new URL('../../locales/', import.meta.url));

/** A language's one-line messages of the files named, by id: the words the Rust side answers with. */
function messages(lang: string, files: string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of files) {
    for (const line of readFileSync(`${locales}${lang}/${file}`, 'utf8').split('\n')) {
      const m = /^([a-z][a-z0-9-]*) = (.+)$/.exec(line);
      if (m) found[m[1]] = m[2];
    }
  }
  return found;
}

function asset(assets: Fixture['assets'], path: string, mime: string): string {
  assets[path] = { mime, base64: readFileSync(pack + path).toString('base64') };
  return path;
}

/**
 * The narration of a lesson's quiz question `n` (1-based) with `choices` choices, from the
 * pack's files: the question, each choice and the explanation, in both languages.
 */
function quizVoice(assets: Fixture['assets'], slug: string, n: number, choices: number) {
  const both = (name: string): Texts => ({
    vi: asset(assets, `${slug}/narration/vi/${name}.opus`, 'audio/ogg'),
    en: asset(assets, `${slug}/narration/en/${name}.opus`, 'audio/ogg'),
  });
  return {
    narration: both(`quiz-${n}`),
    choice_narrations: Array.from({ length: choices }, (_, i) => both(`quiz-${n}-choice-${i + 1}`)),
    explanation_narration: both(`quiz-${n}-explanation`),
  };
}

function steps(assets: Fixture['assets'], slug: string, texts: Texts[]): FixtureStep[] {
  return texts.map((text, i) => ({
    text,
    illustration: asset(assets, `${slug}/illustrations/step-${i + 1}.svg`, 'image/svg+xml'),
    narration: {
      vi: asset(assets, `${slug}/narration/vi/step-${i + 1}.opus`, 'audio/ogg'),
      en: asset(assets, `${slug}/narration/en/step-${i + 1}.opus`, 'audio/ogg'),
    },
  }));
}

export function fixture(): Fixture {
  const assets: Fixture['assets'] = {};
  return {
    villages: [
      { id: 'v-lo-lo-chai', name: 'Thôn Lô Lô Chải', commune_id: 'c-lung-cu', commune: 'Xã Lũng Cú' },
      { id: 'v-then-pa', name: 'Thôn Thèn Pả', commune_id: 'c-lung-cu', commune: 'Xã Lũng Cú' },
      // A village of the next commune, which a volunteer of Lũng Cú may not plan sessions in.
      { id: 'v-sa-phin', name: 'Thôn Sà Phìn A', commune_id: 'c-sa-phin', commune: 'Xã Sà Phìn' },
    ],
    lessons: [
      {
        id: 'l-scam',
        slug: 'scam-calls',
        topic: 'online-safety',
        level: 1,
        minutes: 7,
        title: { vi: 'Nhận biết cuộc gọi và tin nhắn lừa đảo', en: 'Spotting scam calls and messages' },
        summary: {
          vi: 'Kẻ gian giả làm công an, ngân hàng để lấy mã OTP. Học cách nhận ra và từ chối.',
          en: 'Scammers pretend to be the police or a bank to get your OTP. Learn to say no.',
        },
        steps: steps(assets, 'scam-calls', [
          { vi: 'Kẻ lừa đảo thường gọi điện xưng là công an, cán bộ xã hoặc ngân hàng.', en: 'Scammers often call saying they are the police, a commune officer or a bank.' },
          { vi: 'Mã OTP giống như chìa khoá két tiền: không bao giờ đọc cho ai.', en: 'An OTP is like the key to your cash box: never read it out to anyone.' },
          { vi: 'Cơ quan nhà nước không giải quyết việc qua điện thoại.', en: 'Government offices do not settle matters over the phone.' },
          { vi: 'Tin nhắn trúng thưởng kèm đường link lạ là bẫy. Đừng bấm.', en: 'A prize message with a strange link is a trap. Do not tap.' },
        ]),
        quiz: [
          {
            id: 'q-otp',
            prompt: { vi: 'Một người xưng là công an hỏi mã OTP. Bạn làm gì?', en: 'A caller says he is the police and asks for your OTP. What do you do?' },
            choices: [
              { vi: 'Đọc mã cho họ', en: 'Read out the code' },
              { vi: 'Cúp máy và không đọc mã', en: 'Hang up and do not give the code' },
              { vi: 'Gửi mã qua tin nhắn', en: 'Text them the code' },
            ],
            correct: 1,
            explanation: { vi: 'Không ai được biết mã OTP của bạn, kể cả công an.', en: 'Nobody may know your OTP, not even the police.' },
            ...quizVoice(assets, 'scam-calls', 1, 3),
          },
          {
            id: 'q-link',
            prompt: { vi: 'Tin nhắn báo trúng xe máy kèm đường link. Đó là gì?', en: 'A message says you won a motorbike, with a link. What is it?' },
            choices: [
              { vi: 'Quà may mắn', en: 'A lucky gift' },
              { vi: 'Bẫy lừa đảo', en: 'A scam' },
            ],
            correct: 1,
            explanation: { vi: 'Đây là bẫy. Hãy xoá tin nhắn.', en: 'It is a scam. Delete the message.' },
            ...quizVoice(assets, 'scam-calls', 2, 2),
          },
          {
            id: 'q-report',
            prompt: { vi: 'Lỡ chuyển tiền cho kẻ gian, việc cần làm ngay là gì?', en: 'You sent money to a scammer. What do you do at once?' },
            choices: [
              { vi: 'Chờ vài ngày', en: 'Wait a few days' },
              { vi: 'Gọi ngân hàng và báo công an xã', en: 'Call the bank and tell the commune police' },
            ],
            correct: 1,
            explanation: { vi: 'Báo sớm thì dễ lấy lại tiền hơn.', en: 'Reporting early helps get the money back.' },
            ...quizVoice(assets, 'scam-calls', 3, 2),
          },
        ],
      },
      {
        id: 'l-phone',
        slug: 'smartphone-basics',
        topic: 'device-basics',
        level: 1,
        minutes: 6,
        title: { vi: 'Làm quen với điện thoại thông minh', en: 'Getting to know your smartphone' },
        summary: { vi: 'Bật máy, nghe gọi và tiết kiệm dữ liệu di động.', en: 'Switch on, make calls and save mobile data.' },
        steps: steps(assets, 'smartphone-basics', [
          { vi: 'Giữ nút nguồn để bật máy.', en: 'Hold the power button to switch on.' },
          { vi: 'Chạm vào biểu tượng để mở ứng dụng.', en: 'Tap an icon to open an app.' },
          { vi: 'Dùng Wi-Fi khi có để tiết kiệm tiền mạng.', en: 'Use Wi-Fi when you can to save data money.' },
          { vi: 'Sạc pin trước khi đi lên nương.', en: 'Charge the battery before going to the fields.' },
        ]),
        quiz: [
          {
            id: 'q-wifi',
            prompt: { vi: 'Làm sao tiết kiệm tiền mạng?', en: 'How do you save data money?' },
            choices: [
              { vi: 'Dùng Wi-Fi khi có', en: 'Use Wi-Fi when you can' },
              { vi: 'Xem video cả ngày', en: 'Watch videos all day' },
            ],
            correct: 0,
            explanation: { vi: 'Wi-Fi không tốn dữ liệu di động.', en: 'Wi-Fi does not use mobile data.' },
            ...quizVoice(assets, 'smartphone-basics', 1, 2),
          },
        ],
      },
    ],
    assets,
    messages: Object.fromEntries(['vi', 'en'].map((lang) => [lang, messages(lang, ['validation.ftl', 'errors.ftl'])])),
  };
}
