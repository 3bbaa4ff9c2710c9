import { describe, expect, it } from 'vitest';

import { lazyFlatMap } from '../../src/knowledge/lazy-list.js';

const groups = [['a1', 'a2'], [], ['b1', 'b2', 'b3'], ['c1']];
const flat = groups.flat();

describe('lazyFlatMap', () => {
  it('has the length of all groups together and slices like the flattened array', () => {
    const list = lazyFlatMap(
      groups,
      (group) => group,
      (group, item) => `${item}/${group.length}`,
    );
    const expected = flat.map((item) => `${item}/${groups.find((g) => g.includes(item))!.length}`);
    expect(list.length).toBe(expected.length);
    for (let start = 0; start <= expected.length + 1; start++) {
      for (let end = start; end <= expected.length + 1; end++) {
        expect(list.slice(start, end)).toEqual(expected.slice(start, end));
      }
    }
    expect(list.slice()).toEqual(expected);
  });

  it('makes only the items it slices out', () => {
    const made: string[] = [];
    const list = lazyFlatMap(
      groups,
      (group) => group,
      (_group, item) => (made.push(item), item),
    );
    list.slice(1, 4);
    expect(made).toEqual(['a2', 'b1', 'b2']);
  });
});
