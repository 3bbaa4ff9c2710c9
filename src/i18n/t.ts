// Looks up a message in the user's language and fills in its `{param}`s. The
// parameters a message takes are read from its English text by the compiler:
// a missing or misspelt one is a type error.
import type { Language } from './language.js';
import { de } from './messages/de.js';
import { type DefinitionKey, en, type MessageKey, type ParamName } from './messages/en.js';

export type { MessageKey } from './messages/en.js';
export type MessageParams = Record<string, string | number>;

/** The `{param}` names of a message, e.g. "page" | "pages" for 'page.indicator'. */
export type ParamsOf<K extends MessageKey> = ParamName<(typeof en)[K]>;

/**
 * What t() takes after the key: nothing for a message without placeholders, else a value
 * for each of them. A key known only at run time (any MessageKey, e.g. a UserError's)
 * takes any params: they were checked where the key was chosen.
 */
export type MessageArgs<K extends MessageKey> = MessageKey extends K
  ? [params?: MessageParams]
  : [ParamsOf<K>] extends [never]
    ? []
    : [params: Record<ParamsOf<K>, string | number>];

const catalogues: Record<Language, Record<MessageKey, string>> = { en, de };

// Each template split once at its placeholders: ["Page ", "page", "/", "pages", ""],
// text at even indices and parameter names at odd ones.
const compiled: Record<Language, Map<MessageKey, string[]>> = { en: new Map(), de: new Map() };

export function t<K extends MessageKey>(lang: Language, key: K, ...args: MessageArgs<K>): string {
  const template = catalogues[lang][key];
  // Most messages have nothing to fill in.
  if (!template.includes('{')) return template;
  const params: MessageParams = (args as [MessageParams?])[0] ?? {};
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

/** Catalogue keys with a German localized name: `<key>.name` for each command, subcommand and option key. */
export type LocalizedNameKey = `${DefinitionKey}.name`;

/** The German localization of a catalogue string, for command definitions. */
export function deLocalization(key: MessageKey | LocalizedNameKey): { de: string } {
  return { de: de[key] };
}
