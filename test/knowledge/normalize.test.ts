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
