import { describe, expect, it } from 'vitest';

import type { Language } from '../../src/i18n/language.js';
import { formatDate } from '../../src/render/dates.js';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

describe('formatDate', () => {
  it('formats as precisely as the date is given, in the reader’s language', () => {
    expect(formatDate('2024-12-27', 'de')).toBe('27. Dezember 2024');
    expect(formatDate('2024-12-27', 'en')).toBe('27 December 2024');
    expect(formatDate('2022-09', 'de')).toBe('September 2022');
    expect(formatDate('2022-03', 'de')).toBe('März 2022');
    expect(formatDate('2022', 'en')).toBe('2022');
  });

  it('writes every day and month of 1990–2030 exactly as Intl does', () => {
    const mismatches: string[] = [];
    for (const lang of ['de', 'en'] as const) {
      const day = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' });
      const month = new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long', timeZone: 'UTC' });
      for (let time = Date.UTC(1990, 0, 1); time <= Date.UTC(2030, 11, 31); time += 86_400_000) {
        const iso = new Date(time).toISOString().slice(0, 10);
        if (formatDate(iso, lang) !== day.format(time)) mismatches.push(`${lang} ${iso}`);
        if (iso.endsWith('-01') && formatDate(iso.slice(0, 7), lang) !== month.format(time)) mismatches.push(`${lang} ${iso.slice(0, 7)}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
