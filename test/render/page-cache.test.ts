import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { cachedPages, MAX_CACHED_CHARACTERS } from '../../src/render/page-cache.js';
import { cachedLayout, pageOf } from '../../src/render/paging.js';

// The cache only uses the knowledge base as a key: any distinct object will do.
const newKb = (): KnowledgeBase => ({}) as KnowledgeBase;

function counting(description: string) {
  const calls = { count: 0 };
  const layout = (): APIEmbed[] => {
    calls.count += 1;
    return [{ title: 't', description, footer: { text: 'f' }, fields: [{ name: 'n', value: 'v' }] }];
  };
  return { calls, layout };
}

describe('cachedPages', () => {
  it('lays out once per knowledge base and key, and again for new data', () => {
    const kb = newKb();
    const { calls, layout } = counting('d');
    const first = cachedPages(kb, 'alliance:en:csto', layout);
    expect(cachedPages(kb, 'alliance:en:csto', layout)).toBe(first);
    expect(calls.count).toBe(1);
    cachedPages(kb, 'alliance:de:csto', layout);
    cachedPages(newKb(), 'alliance:en:csto', layout);
    expect(calls.count).toBe(3);
  });

  it('shares pages that nothing can change', () => {
    const pages = cachedPages(newKb(), 'k', counting('d').layout);
    expect(() => ((pages[0] as APIEmbed).title = 'changed')).toThrow(TypeError);
    expect(() => ((pages[0]?.fields?.[0] as { value: string }).value = 'changed')).toThrow(TypeError);
    expect(() => (pages as APIEmbed[]).push({})).toThrow(TypeError);
  });

  it('drops the least recently used replies beyond its budget', () => {
    const kb = newKb();
    const third = Math.floor(MAX_CACHED_CHARACTERS / 3);
    const a = counting('a'.repeat(third));
    const b = counting('b'.repeat(third));
    const c = counting('c'.repeat(third));
    cachedPages(kb, 'a', a.layout);
    cachedPages(kb, 'b', b.layout);
    cachedPages(kb, 'a', a.layout); // a is now the most recently used
    cachedPages(kb, 'c', c.layout); // over budget: b goes
    cachedPages(kb, 'a', a.layout);
    cachedPages(kb, 'b', b.layout);
    expect([a.calls.count, b.calls.count, c.calls.count]).toEqual([1, 2, 1]);
  });

  it('serves a reply larger than the whole budget without keeping it', () => {
    const kb = newKb();
    const huge = counting('x'.repeat(MAX_CACHED_CHARACTERS + 1));
    cachedPages(kb, 'huge', huge.layout);
    cachedPages(kb, 'huge', huge.layout);
    expect(huge.calls.count).toBe(2);
  });
});

describe('cachedLayout', () => {
  it('builds the document once for all its pages, and remembers when there is none', () => {
    const kb = newKb();
    let built = 0;
    const doc = () => {
      built += 1;
      return { title: 't', description: Array.from({ length: 300 }, (_, i) => `• Line ${i}: ${'lorem ipsum '.repeat(8)}`), sections: [], footer: 'f' };
    };
    const ref = { command: 'c', language: 'en' as const, page: 0, state: 's' };
    const first = pageOf(cachedLayout(kb, ref, doc), ref);
    const second = pageOf(cachedLayout(kb, { ...ref, page: 1 }, doc), { ...ref, page: 1 });
    expect(built).toBe(1);
    expect(second.embeds?.[0]).not.toEqual(first.embeds?.[0]);
    expect(second.embeds?.[0]?.footer?.text).toContain('Page 2/');

    let searched = 0;
    const nothing = () => (searched++, undefined);
    expect(cachedLayout(kb, { ...ref, state: 'zzqx' }, nothing)).toEqual([]);
    expect(cachedLayout(kb, { ...ref, state: 'zzqx' }, nothing)).toEqual([]);
    expect(searched).toBe(1);
  });
});
