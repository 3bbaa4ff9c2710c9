// A list known by its length whose items are made only when sliced out: a
// profile shows at most 60 of the hundreds of quotes or key points a large
// knowledge base holds about an alliance. An array is one too.
export interface LazyList<T> {
  readonly length: number;
  slice(start?: number, end?: number): T[];
}

/** Every item of every group, in order, each made from its group when sliced out. */
export function lazyFlatMap<G, I, T>(groups: readonly G[], itemsOf: (group: G) => readonly I[], make: (group: G, item: I) => T): LazyList<T> {
  let length = 0;
  for (const group of groups) length += itemsOf(group).length;
  return {
    length,
    slice(start = 0, end = length) {
      const out: T[] = [];
      let index = 0;
      for (const group of groups) {
        if (index >= end) break;
        const items = itemsOf(group);
        for (let i = Math.max(0, start - index); i < items.length && index + i < end; i++) out.push(make(group, items[i]!));
        index += items.length;
      }
      return out;
    },
  };
}
