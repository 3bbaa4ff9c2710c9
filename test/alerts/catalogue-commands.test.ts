// Every message that names a slash command names it as the definitions do in the
// same language: German texts send moderators to /meldungen, never to /alerts.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import type { Language } from '../../src/i18n/language.js';
import { de } from '../../src/i18n/messages/de.js';
import { en, type MessageKey } from '../../src/i18n/messages/en.js';

const catalogues = { en, de } as const;
const keys = Object.keys(en) as MessageKey[];

interface Named {
  name: string;
  name_localizations?: Partial<Record<string, string | null>> | null;
}
const nameIn = (lang: Language, d: Named): string => (lang === 'en' ? d.name : (d.name_localizations?.[lang] ?? d.name));

/** Each command's name in that language, with its subcommands' names (none for a plain command). */
function commandNames(lang: Language): Map<string, Set<string>> {
  const commands = new Map<string, Set<string>>();
  for (const { definition } of createCommands()) {
    const subs = (definition.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => nameIn(lang, o));
    commands.set(nameIn(lang, definition), new Set(subs));
  }
  return commands;
}

describe('commands named in messages', () => {
  for (const lang of ['en', 'de'] as const) {
    it(`are the ${lang} command names in ${lang} texts`, () => {
      const commands = commandNames(lang);
      expect(commands.get(lang === 'en' ? 'alerts' : 'meldungen')?.size).toBe(5);
      let named = 0;
      for (const key of keys.filter((k) => !k.startsWith('command.'))) {
        // A slash, a command name, and the word after it (its subcommand, if it has any).
        for (const [mention, command = '', next] of catalogues[lang][key].matchAll(/(?<![\w<#])\/([\p{L}-]+)(?: ([\p{L}-]+))?/gu)) {
          named += 1;
          const subs = commands.get(command);
          expect(subs, `${lang} ${key}: ${mention}`).toBeDefined();
          if (subs && subs.size > 0) expect([...subs], `${lang} ${key}: ${mention}`).toContain(next);
        }
      }
      expect(named).toBeGreaterThan(0);
    });
  }
});

describe('German texts that name a command', () => {
  it('set it apart from the sentence in code marks, so "/meldungen entfernen" does not read as words of it', () => {
    let named = 0;
    for (const key of keys.filter((k) => !k.startsWith('command.'))) {
      for (const match of de[key].matchAll(/(?<![\w<#])\/[\p{L}-]+(?: [\p{L}-]+)?/gu)) {
        named += 1;
        const before = de[key].slice(0, match.index);
        expect(before.endsWith('`'), `${key}: ${match[0]}`).toBe(true);
      }
    }
    expect(named).toBeGreaterThan(5);
  });

  it('the pause notice for a deleted channel says how to remove the alert, naturally', () => {
    expect(de['alerts.fix.unknown-channel']).toBe(
      'Der Kanal wurde gelöscht: Bitte das Abo mit `/meldungen entfernen` löschen und für einen anderen Kanal neu anlegen.',
    );
  });
});
