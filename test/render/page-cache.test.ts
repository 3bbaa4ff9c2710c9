import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { allPages, madePages, type Pages } from '../../src/render/document.js';
import { cachedPages, MAX_CACHED_CHARACTERS, MAX_SEEN_KEYS } from '../../src/render/page-cache.js';
import { cachedLayout, pageOf } from '../../src/render/paging.js';

// The cache only uses the knowledge base as a key: any distinct object will do.
const newKb = (): KnowledgeBase => ({}) as KnowledgeBase;

function counting(description: string) {
  const calls = { count: 0 };
  const layout = (): Pages => {
    calls.count += 1;
    return madePages([{ title: 't', description, footer: { text: 'f' }, fields: [{ name: 'n', value: 'v' }] }]);
  };
  return { calls, layout };
}

/** Asks twice, so that the reply is kept. */
function keep(kb: KnowledgeBase, key: string, layout: () => Pages): Pages {
  cachedPages(kb, key, layout);
  return cachedPages(kb, key, layout);
}

describe('cachedPages', () => {
  it('keeps a reply from its second request on, per knowledge base and key, and starts again for new data', () => {
    const kb = newKb();
    const { calls, layout } = counting('d');
    const first = cachedPages(kb, 'alliance:en:csto', layout);
    const kept = cachedPages(kb, 'alliance:en:csto', layout);
    expect(allPages(kept)).toEqual(allPages(first));
    expect(calls.count).toBe(2);
    expect(cachedPages(kb, 'alliance:en:csto', layout)).toBe(kept);
    expect(cachedPages(kb, 'alliance:en:csto', layout)).toBe(kept);
    expect(calls.count).toBe(2);
    keep(kb, 'alliance:de:csto', layout);
    keep(newKb(), 'alliance:en:csto', layout);
    expect(calls.count).toBe(6);
  });

  it('forgets the oldest keys asked for once beyond its limit', () => {
    const kb = newKb();
    const once = counting('o');
    cachedPages(kb, 'a', once.layout);
    for (let i = 0; i < MAX_SEEN_KEYS; i++) cachedPages(kb, `other-${i}`, once.layout);
    const a = counting('a');
    cachedPages(kb, 'a', a.layout); // forgotten: a first request again
    cachedPages(kb, 'a', a.layout); // now kept
    cachedPages(kb, 'a', a.layout);
    expect(a.calls.count).toBe(2);
    const last = counting('l');
    cachedPages(kb, `other-${MAX_SEEN_KEYS - 1}`, last.layout); // still remembered: kept at once
    cachedPages(kb, `other-${MAX_SEEN_KEYS - 1}`, last.layout);
    expect(last.calls.count).toBe(1);
  });

  it('shares pages that nothing can change', () => {
    const page = keep(newKb(), 'k', counting('d').layout).page(0);
    expect(() => (page.title = 'changed')).toThrow(TypeError);
    expect(() => ((page.fields?.[0] as { value: string }).value = 'changed')).toThrow(TypeError);
    expect(() => (page.fields as APIEmbed['fields'] & object[]).push({ name: 'n', value: 'v' })).toThrow(TypeError);
  });

  it('drops the least recently used replies beyond its budget', () => {
    const kb = newKb();
    const third = Math.floor(MAX_CACHED_CHARACTERS / 3);
    const a = counting('a'.repeat(third));
    const b = counting('b'.repeat(third));
    const c = counting('c'.repeat(third));
    keep(kb, 'a', a.layout);
    keep(kb, 'b', b.layout);
    cachedPages(kb, 'a', a.layout); // a is now the most recently used
    keep(kb, 'c', c.layout); // over budget: b goes
    cachedPages(kb, 'a', a.layout);
    keep(kb, 'b', b.layout);
    expect([a.calls.count, b.calls.count, c.calls.count]).toEqual([2, 4, 2]);
  });

  it('serves a reply larger than the whole budget without keeping it', () => {
    const kb = newKb();
    const huge = counting('x'.repeat(MAX_CACHED_CHARACTERS + 1));
    for (let i = 0; i < 3; i++) cachedPages(kb, 'huge', huge.layout);
    expect(huge.calls.count).toBe(3);
  });
});

describe('cachedLayout', () => {
  it('builds the document once for all its pages once kept, and remembers when there is none', () => {
    const kb = newKb();
    let built = 0;
    const doc = () => {
      built += 1;
      return {
        title: 't',
        description: Array.from({ length: 300 }, (_, i) => `• Line ${i}: ${'lorem ipsum '.repeat(8)}`),
        sections: [],
        footer: 'f',
      };
    };
    const ref = { command: 'c', language: 'en' as const, page: 0, state: 's' };
    const first = pageOf(cachedLayout(kb, ref, doc), ref);
    const second = pageOf(cachedLayout(kb, { ...ref, page: 1 }, doc), { ...ref, page: 1 });
    const third = pageOf(cachedLayout(kb, { ...ref, page: 2 }, doc), { ...ref, page: 2 });
    expect(built).toBe(2);
    expect(third.embeds?.[0]?.footer?.text).toContain('Page 3/');
    expect(second.embeds?.[0]).not.toEqual(first.embeds?.[0]);
    expect(second.embeds?.[0]?.footer?.text).toContain('Page 2/');

    let searched = 0;
    const nothing = () => (searched++, undefined);
    for (let i = 0; i < 3; i++) expect(cachedLayout(kb, { ...ref, state: 'zzqx' }, nothing).count).toBe(0);
    expect(searched).toBe(2);
  });
});
