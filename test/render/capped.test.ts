import { describe, expect, it } from 'vitest';

import { lazyFlatMap } from '../../src/knowledge/lazy-list.js';
import { cappedLines, MAX_LIST_ITEMS } from '../../src/render/capped.js';

const numbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('cappedLines', () => {
  it('renders a list within the cap whole, without a note', () => {
    expect(cappedLines(numbers(3), (n) => `• ${n}`, 'en')).toEqual(['• 1', '• 2', '• 3']);
    expect(cappedLines([], (n: number) => `${n}`, 'en')).toEqual([]);
  });

  it('keeps the first items and says how many more there are, rendering only those kept', () => {
    const rendered: number[] = [];
    const lines = cappedLines(numbers(MAX_LIST_ITEMS + 7), (n) => (rendered.push(n), `• ${n}`), 'de');
    expect(rendered).toEqual(numbers(MAX_LIST_ITEMS));
    expect(lines).toHaveLength(MAX_LIST_ITEMS + 1);
    expect(lines.at(-1)).toBe('*… und 7 weitere*');
  });

  it('keeps the last items after a note of how many earlier ones were left out', () => {
    const lines = cappedLines(numbers(10), (n) => `${n}`, 'en', 'last', 4);
    expect(lines).toEqual(['*6 earlier not shown …*', '7', '8', '9', '10']);
  });

  it('counts items, not lines, when an item renders as several lines, and keeps each item one entry', () => {
    const lines = cappedLines(numbers(5), (n) => `${n}\n↳ ${n}`, 'en', 'first', 2);
    expect(lines).toEqual(['1\n↳ 1', '2\n↳ 2', '*… and 3 more*']);
  });

  it('makes the items of a lazy list only as far as it shows them, and counts the rest from its length', () => {
    const groups = [numbers(3), numbers(4), numbers(5)];
    const made: string[] = [];
    const list = lazyFlatMap(
      groups,
      (group) => group,
      (group, n) => {
        const item = `${group.length}.${n}`;
        made.push(item);
        return item;
      },
    );
    expect(list.length).toBe(12);
    const lines = cappedLines(list, (item) => item, 'en', 'first', 5);
    expect(lines).toEqual(['3.1', '3.2', '3.3', '4.1', '4.2', '*… and 7 more*']);
    expect(made).toEqual(['3.1', '3.2', '3.3', '4.1', '4.2']);
    expect(cappedLines(list, (item) => item, 'en', 'last', 2)).toEqual(['*10 earlier not shown …*', '5.4', '5.5']);
  });
});
