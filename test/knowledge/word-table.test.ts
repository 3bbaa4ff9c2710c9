import { describe, expect, it } from 'vitest';

import { ABSENT, WordTable } from '../../src/knowledge/word-table.js';

describe('WordTable', () => {
  it('finds a word by its characters inside any string', () => {
    const table = new WordTable();
    table.add('the alliance', 4, 12, 7);
    expect(table.find('alliance', 0, 8)).toBe(7);
    expect(table.find('an alliance crumbles', 3, 11)).toBe(7);
    expect(table.find('alliances', 0, 9)).toBe(ABSENT);
    expect(table.find('alliance', 0, 7)).toBe(ABSENT);
  });

  it('tells apart words of the same length and keeps every word across its growth', () => {
    const table = new WordTable();
    // Far more words than its first slot array holds, many of them alike.
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}ö`);
    words.forEach((word, i) => table.add(word, 0, word.length, i));
    words.forEach((word, i) => expect(table.find(` ${word} `, 1, word.length + 1)).toBe(i));
    expect(table.find('w0', 0, 2)).toBe(ABSENT);
  });
});
