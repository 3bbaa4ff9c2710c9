// 10,000 hostile option values per command, through the dispatcher, for
// both the command and its autocomplete: nothing throws, every reply is
// within Discord's limits and can ping nobody.
import { beforeAll, describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import { respond } from '../../src/interactions/respond.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { autocomplete, chatInput, deps, loadKb, type LoggedError, safetyProblems, str } from '../commands/harness.js';

const commands = createCommands();

const PER_COMMAND = 10_000;

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '',
  ' ',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!1>',
  '<@&123>',
  '<#1>',
  '**',
  '__',
  '~~',
  '||',
  '`',
  '```',
  '> ',
  '# ',
  '- ',
  '[x](https://evil.example)',
  '\\',
  '\u202E',
  '\u2066',
  '\u200F',
  '\u0000',
  '\u0007',
  '\n',
  '\r\n',
  '\t',
  '😀',
  '👨‍👩‍👧',
  '🇺🇦',
  '\uD800',
  '\uDC00',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '&amp;',
  '%s%n',
  '${x}',
  '{query}',
  'csto',
  'OVKS',
  'Barbieri',
  'Армения',
  'ОДКБ',
  'Weißrussland',
  'ﷺ',
  'Ⅻ',
  'İ',
  'ß',
  '\u0301',
  ':',
  'page:alliance:en:1:csto',
];

function hostile(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const roll = next();
  if (roll < 0.03) return '';
  if (roll < 0.06) return pick(PIECES).repeat(6000).slice(0, 6000);
  const parts: string[] = [];
  const count = 1 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) parts.push(next() < 0.8 ? pick(PIECES) : String.fromCharCode(Math.floor(next() * 0x10000)));
  return parts.join(next() < 0.5 ? '' : ' ');
}

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

describe('hostile option values', () => {
  it.each(commands.map((c) => [c.definition.name, c.definition.options?.[0]?.name ?? 'x'] as const))(
    '/%s survives them',
    async (name, option) => {
      const next = random(name.length * 7919);
      const errors: LoggedError[] = [];
      const failures: string[] = [];
      for (let i = 0; i < PER_COMMAND; i++) {
        const value = hostile(next);
        const locale = next() < 0.5 ? 'de' : 'en-US';
        for (const interaction of [chatInput(name, [str(option, value)], locale), autocomplete(name, [str(option, value, true)], locale)]) {
          const found = safetyProblems(await respond(interaction, deps(kb, errors)));
          if (found.length > 0) failures.push(`${JSON.stringify(value.slice(0, 80))}: ${found.join('; ')}`);
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(errors.map((e) => JSON.stringify(e.obj)).slice(0, 3)).toEqual([]);
    },
    60_000,
  );
});
