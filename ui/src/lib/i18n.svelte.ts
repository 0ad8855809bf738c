// Fluent messages from ../locales, the same files the Rust side embeds. A language is a
// folder there; this module finds them all at build time.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export const DEFAULT_LANGUAGE = 'vi';

type Sources = Record<string, string>;

const sources = import.meta.glob('../../../locales/*/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Sources;

/** Builds one bundle per locale folder; syntax errors are reported by the tests. */
export function buildBundles(files: Sources): Map<string, FluentBundle> {
  const bundles = new Map<string, FluentBundle>();
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const lang = path.split('/').at(-2);
    if (!lang) continue;
    let bundle = bundles.get(lang);
    if (!bundle) {
      bundle = new FluentBundle(lang, { useIsolating: false });
      bundles.set(lang, bundle);
    }
    bundle.addResource(new FluentResource(text));
  }
  return bundles;
}

export const bundles = buildBundles(sources);

/** Vietnamese first, then the other languages in folder order. */
export const languages: string[] = [...bundles.keys()].sort((a, b) =>
  a === DEFAULT_LANGUAGE ? -1 : b === DEFAULT_LANGUAGE ? 1 : a.localeCompare(b),
);

let current = $state(DEFAULT_LANGUAGE);

export function currentLanguage(): string {
  return current;
}

/** Switches the UI's messages; the caller persists the choice through the store. */
export function useLanguage(lang: string): void {
  current = bundles.has(lang) ? lang : DEFAULT_LANGUAGE;
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

function format(bundle: FluentBundle | undefined, id: string, args?: Record<string, FluentVariable>) {
  const message = bundle?.getMessage(id);
  if (!bundle || !message?.value) return undefined;
  return bundle.formatPattern(message.value, args ?? null, []);
}

/** A message in the current language, falling back to Vietnamese; tests guarantee it exists. */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  return (
    format(bundles.get(current), id, args) ??
    format(bundles.get(DEFAULT_LANGUAGE), id, args) ??
    `[${id}]`
  );
}

/** A language's name in that language itself ("Tiếng Việt", "English"). */
export function languageName(lang: string): string {
  return format(bundles.get(lang), 'language-name') ?? lang;
}
