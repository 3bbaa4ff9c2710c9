import { describe, expect, it } from 'vitest';

import { fold, tokenize } from '../../src/knowledge/normalize.js';

describe('fold', () => {
  it('ignores case and diacritics and spells ß as ss', () => {
    expect(fold('Weißrussland')).toBe(fold('WEISSRUSSLAND'));
    expect(fold('Anaïs Marin')).toBe('anais marin');
    expect(fold('Tokajew')).toBe('tokajew');
  });

  it('keeps Cyrillic, lowercased', () => {
    expect(fold('ОДКБ')).toBe('одкб');
    expect(fold('Беларусь')).toBe('беларусь');
  });

  it('unifies quotes, dashes and whitespace, and drops control characters', () => {
    expect(fold('  Putin’s\u00a0war \u2013 „today“ ')).toBe(`putin's war - "today"`);
    expect(fold('a\u0000\u0007b\t\nc')).toBe('a b c');
  });
});

describe('tokenize', () => {
  it('splits German, English and Russian text into folded words', () => {
    expect(tokenize('Die OVKS „zeigt wirklich Risse“ – Größe: 5.')).toEqual(['die', 'ovks', 'zeigt', 'wirklich', 'risse', 'grosse', '5']);
    expect(tokenize('Организация Договора (ОДКБ)')).toEqual(['организация', 'договора', 'одкб']);
  });

  it('keeps decomposed accents with their word', () => {
    expect(tokenize('Anai\u0308s Marin')).toEqual(['anais', 'marin']);
  });
});

describe('tokenize, against its definition', () => {
  // The definition: lowercase, split at every run of characters that are not
  // letters, marks or digits, fold each word and keep its letters and digits.
  const byDefinition = (text: string): string[] =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{M}\p{N}]+/u)
      .map((word) => fold(word).replace(/[^\p{L}\p{N}]/gu, ''))
      .filter((word) => word !== '');

  it('agrees on mixed scripts, marks, ligatures, fractions, surrogates and punctuation', () => {
    const pieces = [
      'Weißrussland',
      'ANAÏS',
      'Anai\u0308s',
      'ОДКБ',
      'Беларусь',
      'ﬁnal',
      '½',
      '²',
      'İstanbul',
      'ΟΔΥΣΣΕΥΣ',
      '𝐀𝐁𝐂',
      '😀',
      '\ud800',
      '\udc00x',
      'Putin’s',
      '„zeigt“',
      'a–b',
      'e-mail',
      'x\u00a0y',
      '\u0000',
      '٣',
      'Ⅻ',
      'kollektive',
      'CSTO',
      '2024-12-27',
      '',
      ' ',
      '...',
      'naïve café',
      'ǅ',
      'ß',
      'ẞ',
      'Ǳ',
      'ŉ',
      'ﬀ',
      '\u0301',
    ];
    // Deterministic combinations: every piece next to every other, with and without a separator.
    const texts: string[] = [];
    for (const a of pieces) for (const b of pieces) texts.push(a + b, `${a} ${b}`, `${b}:${a}.`);
    for (const text of texts) expect(tokenize(text), JSON.stringify(text)).toEqual(byDefinition(text));
  });
});
