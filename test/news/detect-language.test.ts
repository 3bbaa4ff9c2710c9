import { describe, expect, it } from 'vitest';

import { declaredLanguage, detectLanguage } from '../../src/news/detect-language.js';

describe('language of a news item', () => {
  it('tells German from English headlines by their common words', () => {
    expect(detectLanguage('Armenien friert die Beteiligung an der OVKS ein')).toBe('de');
    expect(detectLanguage('Russland und Belarus halten Manöver ab, sagt das Ministerium')).toBe('de');
    expect(detectLanguage('Armenia freezes its participation in the CSTO')).toBe('en');
    expect(detectLanguage('Kremlin says the summit will go ahead')).toBe('en');
  });

  it('says nothing when it cannot tell', () => {
    expect(detectLanguage('OVKS-Gipfel')).toBeUndefined();
    expect(detectLanguage('Саммит ОДКБ')).toBeUndefined();
  });

  it('reads a declared language tag as its primary subtag', () => {
    expect(declaredLanguage('de-DE')).toBe('de');
    expect(declaredLanguage(' EN_us ')).toBe('en');
    expect(declaredLanguage('fr')).toBe('fr');
    expect(declaredLanguage('not a language')).toBeUndefined();
    expect(declaredLanguage(undefined)).toBeUndefined();
  });
});
