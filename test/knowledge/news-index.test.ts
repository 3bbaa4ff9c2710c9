// The news index snapshot: order, cursors that neither repeat nor skip when items arrive,
// per-topic lists, stamps for caches, and search.
import { describe, expect, it } from 'vitest';

import { EMPTY_NEWS, type NewsEntry, newsEntry, newsIndexOf, withNewsChanges } from '../../src/knowledge/news-index.js';

function entry(id: string, at: number, about: string[] = [], title = `Item ${id}`, summary = ''): NewsEntry {
  return newsEntry(at, { id, title, summary, source: { title: 'Feed', host: 'example.org' }, language: 'en', entities: about, topics: [] });
}

const ids = (entries: readonly NewsEntry[]) => entries.map((e) => e.item.id);

describe('news index', () => {
  it('lists newest first, overall and per entity', () => {
    const index = newsIndexOf([entry('a', 1000, ['armenia']), entry('b', 3000), entry('c', 2000, ['armenia', 'csto'])]);
    expect(ids(index.older(undefined, undefined, 10))).toEqual(['b', 'c', 'a']);
    expect(ids(index.older('armenia', undefined, 10))).toEqual(['c', 'a']);
    expect(ids(index.older('csto', undefined, 10))).toEqual(['c']);
    expect(index.older('nato', undefined, 10)).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('pages by cursor: a page after new items arrived neither repeats nor skips', () => {
    const first = newsIndexOf(Array.from({ length: 10 }, (_, i) => entry(`n${i}`, 1000 + i)));
    const page1 = first.older(undefined, undefined, 4);
    expect(ids(page1)).toEqual(['n9', 'n8', 'n7', 'n6']);
    const later = withNewsChanges(first, [], [entry('fresh1', 5000), entry('fresh2', 5001)], 2);
    const page2 = later.older(undefined, page1.at(-1), 4);
    expect(ids(page2)).toEqual(['n5', 'n4', 'n3', 'n2']);
    // Back from page 2: the items just newer than its first one.
    expect(ids(later.newer(undefined, page2[0]!, 4))).toEqual(['n9', 'n8', 'n7', 'n6']);
    expect(ids(later.newer(undefined, page1[0]!, 4))).toEqual(['fresh2', 'fresh1']);
  });

  it('orders items of the same time by key, so no two items tie', () => {
    const same = ['x', 'y', 'z', 'w'].map((id) => entry(id, 1000));
    const index = newsIndexOf(same);
    const page1 = index.older(undefined, undefined, 2);
    const page2 = index.older(undefined, page1.at(-1), 2);
    expect(new Set([...ids(page1), ...ids(page2)]).size).toBe(4);
  });

  it('replaces and removes items, and moves the stamp of the topics they were about only', () => {
    const a = entry('a', 1000, ['armenia']);
    const b = entry('b', 2000, ['nato']);
    const first = newsIndexOf([a, b], 1);
    const updated = entry('a', 1000, ['armenia', 'csto'], 'Changed title');
    const next = withNewsChanges(first, [a], [updated], 2);
    expect(next.older('armenia', undefined, 5).map((e) => e.item.title)).toEqual(['Changed title']);
    expect(next.stamp('armenia')).toBe(2);
    expect(next.stamp('csto')).toBe(2);
    expect(next.stamp('nato')).toBe(1);
    const removed = withNewsChanges(next, [updated], [], 3);
    expect(removed.older('armenia', undefined, 5)).toEqual([]);
    expect(ids(removed.older(undefined, undefined, 5))).toEqual(['b']);
    expect(EMPTY_NEWS.size).toBe(0);
  });

  it('searches titles and summaries by word starts, phrases first', () => {
    const index = newsIndexOf([
      entry('1', 3000, [], 'Gipfel in Eriwan', 'Die OVKS tagt ohne Armenien'),
      entry('2', 2000, [], 'Armeniens Regierung zum Gipfel'),
      entry('3', 1000, [], 'Nothing here'),
    ]);
    expect(ids(index.search('armenien', 10))).toEqual(['1', '2']);
    expect(ids(index.search('ohne armenien', 10))).toEqual(['1']);
    expect(ids(index.search('gipfel armenien', 10))).toEqual(['1', '2']);
    expect(index.search('', 10)).toEqual([]);
  });

  it('finds what looking into each entry finds, in the same order, across many entries and limits', () => {
    const words = ['nato', 'natorama', 'gipfel', 'armenien', 'armeniens', 'ovks', 'kreml', 'eriwan', 'ohne'];
    // Titles made of those words in turn: every word meets every other, at the start and end of texts too.
    const entries = Array.from({ length: 300 }, (_, i) =>
      entry(`e${i}`, 10_000 + i, [], `${words[i % 9]!} ${words[(i * 4) % 9]!}`, i % 3 === 0 ? words[(i * 7) % 9]! : ''),
    );
    const index = newsIndexOf(entries);
    // What search promises, checked entry by entry: phrases first, then entries holding every word as a word start; newest first.
    const lookingIntoEach = (query: string, limit: number): string[] => {
      const tokens = query.toLowerCase().split(' ');
      const textOf = (e: NewsEntry) => ` ${`${e.item.title} ${e.item.summary}`.trim()} `;
      const newest = [...entries].sort((a, b) => b.at - a.at);
      const phrases = newest.filter((e) => textOf(e).includes(` ${tokens.join(' ')}`));
      const others = newest.filter((e) => !phrases.includes(e) && tokens.every((t) => textOf(e).includes(` ${t}`)));
      return [...phrases, ...others].slice(0, limit).map((e) => e.item.id);
    };
    const queries = ['nato', 'nato gipfel', 'gipfel nato', 'armenien', 'armeniens ovks', 'eriwan ohne kreml', 'natorama', 'rama', 'ohne'];
    for (const query of queries) {
      for (const limit of [1, 5, 50, 400]) expect(ids(index.search(query, limit)), `${query} / ${limit}`).toEqual(lookingIntoEach(query, limit));
    }
    expect(index.search('nato', 400).length).toBeGreaterThan(50);
  });
});
