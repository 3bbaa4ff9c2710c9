// Every message that names a slash command names it as the catalogue defines it in
// the same language: German texts send moderators to /meldungen, never to /alerts.
import { describe, expect, it } from 'vitest';

import { de } from '../../src/i18n/messages/de.js';
import { en, type MessageKey } from '../../src/i18n/messages/en.js';

const catalogues = { en, de } as const;
const keys = Object.keys(en) as MessageKey[];

/** Each command's name in the catalogue, with its subcommands' names (none for a plain command). */
function commandNames(catalogue: Record<MessageKey, string>): Map<string, Set<string>> {
  const commands = new Map<string, Set<string>>();
  for (const key of keys) {
    const [, command, sub] = /^command\.(\w+)(?:\.(\w+))?$/.exec(key) ?? [];
    if (command === undefined || sub === 'description') continue;
    const name = catalogue[`command.${command}` as MessageKey];
    const subs = commands.get(name) ?? new Set<string>();
    if (sub !== undefined) subs.add(catalogue[key]);
    commands.set(name, subs);
  }
  return commands;
}

describe('commands named in messages', () => {
  for (const [lang, catalogue] of Object.entries(catalogues)) {
    it(`are the ${lang} command names in ${lang} texts`, () => {
      const commands = commandNames(catalogue);
      let named = 0;
      for (const key of keys.filter((k) => !k.startsWith('command.'))) {
        // A slash, a command name, and the word after it (its subcommand, if it has any).
        for (const [mention, command = '', next] of catalogue[key].matchAll(/(?<![\w<#])\/([\p{L}-]+)(?: ([\p{L}-]+))?/gu)) {
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
