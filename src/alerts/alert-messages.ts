// The alert feature's strings, kept apart from the shared catalogues in
// src/i18n/messages/ but typed the same way: English is the reference and the
// German catalogue must have every key.
import type { Language } from '../i18n/language.js';
import type { MessageParams } from '../i18n/t.js';

const en = {
  'alert.topics': 'Topics',
  'alert.footer': 'Lagebild',
  'notice.paused.missing-access':
    'Lagebild alerts to <#{channel}> are paused: I cannot see that channel. Give me access to it, then run /alerts resume {id}.',
  'notice.paused.missing-permissions':
    'Lagebild alerts to <#{channel}> are paused: I may not post there (I need Send Messages and Embed Links). Fix my permissions, then run /alerts resume {id}.',
  'notice.paused.unknown-channel':
    'Lagebild alerts to a channel that no longer exists are paused. Remove them with /alerts remove {id}, or subscribe another channel.',
} as const;

export type AlertMessageKey = keyof typeof en;

const de: Record<AlertMessageKey, string> = {
  'alert.topics': 'Themen',
  'alert.footer': 'Lagebild',
  'notice.paused.missing-access':
    'Lagebild-Meldungen an <#{channel}> sind pausiert: Ich kann diesen Kanal nicht sehen. Gib mir Zugriff und führe dann /alerts resume {id} aus.',
  'notice.paused.missing-permissions':
    'Lagebild-Meldungen an <#{channel}> sind pausiert: Ich darf dort nicht posten (nötig: Nachrichten senden, Links einbetten). Korrigiere meine Berechtigungen und führe dann /alerts resume {id} aus.',
  'notice.paused.unknown-channel':
    'Lagebild-Meldungen an einen Kanal, den es nicht mehr gibt, sind pausiert. Entferne sie mit /alerts remove {id} oder abonniere einen anderen Kanal.',
};

const catalogues: Record<Language, Record<AlertMessageKey, string>> = { en, de };

/** Like t(): the message in `lang` with its `{param}`s filled in. */
export function alertText(lang: Language, key: AlertMessageKey, params: MessageParams = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
