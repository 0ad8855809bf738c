// The consent notice a person agrees to when a profile is made. Its wording is the
// `consent-*` messages in locales/; change the wording, change this version, so that every
// profile records which text it agreed to.
export const CONSENT_VERSION = 'pdpl-2025-1';

/** The paragraphs of the notice, in order. */
export const CONSENT_PARAGRAPHS = ['consent-what', 'consent-why', 'consent-who', 'consent-rights'] as const;
