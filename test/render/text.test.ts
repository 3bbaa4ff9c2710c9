import { describe, expect, it } from 'vitest';

import { firstUnclosedSpan } from '../../src/render/markdown.js';
import { echo, groupLines, literal, splitText, truncate } from '../../src/render/text.js';

const wellFormed = (s: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('truncate', () => {
  it('keeps short text and cuts long text at a sentence end with "…"', () => {
    expect(truncate('Kurz.', 10)).toBe('Kurz.');
    const cut = truncate('Der erste Satz ist hier. Der zweite Satz ist deutlich länger als erlaubt.', 40);
    expect(cut).toBe('Der erste Satz ist hier.…');
  });

  it('prefers a line break, then a word boundary', () => {
    expect(truncate('eins zwei drei\nvier fünf sechs sieben', 20)).toBe('eins zwei drei…');
    expect(truncate('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
  });

  it('never splits a surrogate pair, an escape or a bold span', () => {
    const emoji = '😀'.repeat(30);
    for (let max = 2; max < 40; max++) {
      const cut = truncate(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(wellFormed(cut)).toBe(true);
    }
    expect(truncate('aaaa\\*bbbbbbbbbb', 6)).toBe('aaaa…');
    const bold = truncate('Vorwort und dann **ein sehr langer fetter Abschnitt ohne Ende**', 40);
    expect(firstUnclosedSpan(bold)).toBeUndefined();
    expect(bold).toBe('Vorwort und dann…');
  });
});

describe('splitText and groupLines', () => {
  it('split long text into pieces within the limit that together keep every word', () => {
    const text = Array.from({ length: 400 }, (_, i) => `Wort${i}`).join(' ');
    const pieces = splitText(text, 100);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(pieces.join(' ').replaceAll('…', ' ').split(/\s+/).filter(Boolean)).toEqual(text.split(' '));
    const packed = groupLines(['kurz', 'auch kurz', text], 1024).map((lines) => lines.join('\n'));
    expect(packed.every((p) => p.length <= 1024)).toBe(true);
    expect(packed[0]).toBe('kurz\nauch kurz');
    expect(packed.slice(1).join('')).toContain('Wort399');
  });
});

describe('literal and echo', () => {
  it('escape markdown and break mentions', () => {
    expect(literal('**fett** _kursiv_ `code` > zitat')).toBe('\\*\\*fett\\*\\* \\_kursiv\\_ \\`code\\` > zitat');
    expect(literal('# Titel\n- Punkt\n1. Eins')).toBe('\\# Titel\n\\- Punkt\n1\\. Eins');
    expect(literal('@everyone <@&1> <@2>')).not.toMatch(/@everyone|<@&1>|<@2>/);
  });

  it('echo makes user text one clean line without bidi overrides or lone surrogates', () => {
    const out = echo('a\u202Eb\u0000c\n\nd \uD800', 100);
    expect(out).toBe('a b c d \uFFFD');
    expect(echo('x'.repeat(500), 50).length).toBeLessThanOrEqual(50);
  });
});

describe('literal on text it need not change', () => {
  it('returns plain text as it is and escapes anything markdown could act on, on any line', () => {
    const plain = 'Die Regierung von Kasachstan kritisierte die Sanktionen (2024), sagte sie.';
    expect(literal(plain)).toBe(plain);
    expect(literal('erste Zeile\n> zitat')).toBe('erste Zeile\n\\> zitat');
    expect(literal('eins\u2028# Titel')).toBe('eins\u2028\\# Titel');
    expect(literal('  - Punkt')).toBe('  \\- Punkt');
    expect(literal('Mail an a@b')).toBe('Mail an a@\u200bb');
    expect(literal('kaputt \uD800')).toBe('kaputt \uFFFD');
  });
});
