// Users get German when their Discord locale is German, English otherwise.
export type Language = 'de' | 'en';

export const LANGUAGES: readonly Language[] = ['de', 'en'];

/**
 * Picks the answer language from the user's locale, falling back to the
 * guild's locale (absent in DMs), then English.
 */
export function languageFor(userLocale?: string | null, guildLocale?: string | null): Language {
  const locale = userLocale ?? guildLocale ?? 'en-US';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}
