// Looks up a message in the user's language and fills in its `{param}`s.
import type { Language } from './language.js';
import { de } from './messages/de.js';
import { en, type MessageKey } from './messages/en.js';

export type { MessageKey } from './messages/en.js';
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Language, Record<MessageKey, string>> = { en, de };

export function t(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[lang][key];
  // Most messages have nothing to fill in: skip the regular expression for them.
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** The German localization of a catalogue string, for command definitions. */
export function deLocalization(key: MessageKey): { de: string } {
  return { de: de[key] };
}
