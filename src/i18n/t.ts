// Looks up a message in the user's language and fills in its `{param}`s.
import type { Language } from './language.js';
import { de } from './messages/de.js';
import { en, type MessageKey } from './messages/en.js';

export type { MessageKey } from './messages/en.js';
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Language, Record<MessageKey, string>> = { en, de };

// Each template split once at its placeholders: ["Page ", "page", "/", "pages", ""],
// text at even indices and parameter names at odd ones.
const compiled: Record<Language, Map<MessageKey, string[]>> = { en: new Map(), de: new Map() };

export function t(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[lang][key];
  // Most messages have nothing to fill in.
  if (!template.includes('{')) return template;
  let parts = compiled[lang].get(key);
  if (parts === undefined) compiled[lang].set(key, (parts = template.split(/\{(\w+)\}/)));
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = params[name];
    text += (value === undefined ? `{${name}}` : String(value)) + parts[i + 1]!;
  }
  return text;
}

/** The German localization of a catalogue string, for command definitions. */
export function deLocalization(key: MessageKey): { de: string } {
  return { de: de[key] };
}
