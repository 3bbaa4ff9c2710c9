import { describe, expect, it } from 'vitest';

import { itemIdentity, normaliseLink } from '../../src/feeds/item-identity.js';
import type { FeedItem } from '../../src/feeds/parse-feed.js';
import { sightItems } from '../../src/feeds/seen-items.js';
import { createMemoryFeedStateStore } from '../support/memory-feed-state.js';

const title = 'Armenien friert Beteiligung an der OVKS ein';
const link = 'https://nachrichten.example.de/ost/armenien-ovks-100.html';
const date = 'Mon, 17 Jun 2024 08:30:00 +0200';

/** Keys of two identities in common. */
function shared(a: { keys: string[] }, b: { keys: string[] }): string[] {
  return a.keys.filter((key) => b.keys.includes(key));
}

describe('normaliseLink', () => {
  it('drops tracking parameters, the fragment, the scheme and the order of parameters, and lowercases the host', () => {
    const plain = normaliseLink(link);
    expect(plain).toBe('//nachrichten.example.de/ost/armenien-ovks-100.html');
    for (const variant of [
      `${link}?utm_source=rss&utm_medium=feed&utm_campaign=ost`,
      `${link}?fbclid=IwAR0x&gclid=abc&msclkid=1&mc_cid=9&mc_eid=8&_ga=2.1&_gl=1*x`,
      `${link}?at_medium=RSS&at_campaign=ost&xtor=RSS-1&wt_mc=rss.ost&ref=rss&ref_src=twsrc`,
      `${link}?_=1718602200000&ts=1718602200&timestamp=1718602200&cachebuster=7`,
      `${link}#kommentare`,
      'http://Nachrichten.Example.DE:443/ost/armenien-ovks-100.html',
      'HTTPS://nachrichten.example.de:80/ost/armenien-ovks-100.html?UTM_Source=x',
    ]) {
      expect(normaliseLink(variant), variant).toBe(plain);
    }
  });

  it('keeps every other parameter, sorted, and the path as it is', () => {
    expect(normaliseLink('https://example.org/a?id=2&b=1&utm_source=x&a=3')).toBe('//example.org/a?a=3&b=1&id=2');
    expect(normaliseLink('https://example.org/a?t=1')).not.toBe(normaliseLink('https://example.org/a?t=2'));
    expect(normaliseLink('https://example.org/A')).not.toBe(normaliseLink('https://example.org/a'));
    expect(normaliseLink('https://example.org:8443/a')).toBe('//example.org:8443/a');
  });

  it('is undefined for what is not an http(s) URL', () => {
    expect(normaliseLink(undefined)).toBeUndefined();
    expect(normaliseLink('javascript:alert(1)')).toBeUndefined();
    expect(normaliseLink('/relative')).toBeUndefined();
  });
});

describe('itemIdentity', () => {
  it('has keys from guid, normalised link, title and date, and content, strongest first; the id is the first', () => {
    const identity = itemIdentity({ guid: ' ost-48213 ', link: `${link}?utm_source=rss`, title, date, summary: 'Paschinjan kündigt an.' });
    expect(identity.id).toBe('guid:ost-48213');
    expect(identity.keys).toEqual([
      'guid:ost-48213',
      'link://nachrichten.example.de/ost/armenien-ovks-100.html',
      expect.stringMatching(/^title-date:[\w-]{22}$/),
      expect.stringMatching(/^content:[\w-]{22}$/),
    ]);
    expect(itemIdentity({ link, title }).id).toBe('link://nachrichten.example.de/ost/armenien-ovks-100.html');
    expect(itemIdentity({ guid: '  ', link, title }).id).toBe(itemIdentity({ link, title }).id);
    expect(itemIdentity({ title, date }).id).toMatch(/^title-date:/);
    expect(itemIdentity({ title }).id).toMatch(/^content:/);
  });

  it('recognises the same item across a changed guid and changed tracking parameters (link key)', () => {
    const before = itemIdentity({ guid: 'urn:1', link: `${link}?utm_campaign=a&fbclid=1`, title, date, summary: 'x' });
    const after = itemIdentity({ guid: 'urn:2', link: `${link}?utm_campaign=b&fbclid=2#top`, title, date, summary: 'x' });
    expect(before.id).not.toBe(after.id);
    expect(shared(before, after)).toContain('link://nachrichten.example.de/ost/armenien-ovks-100.html');
    expect(before.version).toBe(after.version);
  });

  it('recognises it by title and date when the link changes too, whatever the date notation, case or spacing', () => {
    const before = itemIdentity({ guid: 'urn:1', link: `${link}?session=1`, title, date, summary: 'x' });
    const after = itemIdentity({
      guid: 'urn:2',
      link: `${link}?session=2`,
      title: `  ${title.toUpperCase()} `,
      date: '2024-06-17T06:30:00Z',
      summary: 'y',
    });
    expect(shared(before, after)).toEqual([before.keys[2]]);
    expect(before.keys[2]).toMatch(/^title-date:/);
    // Another date is another item.
    expect(shared(before, itemIdentity({ title, date: '2024-06-18', summary: 'x' }))).toEqual([before.keys[3]]);
  });

  it('recognises an undated item without guid or stable link by its content', () => {
    const before = itemIdentity({ link: `${link}?session=1`, title, summary: 'Paschinjan kündigt an.' });
    const after = itemIdentity({ link: `${link}?session=2`, title, summary: 'Paschinjan kündigt an.' });
    expect(shared(before, after)).toEqual([expect.stringMatching(/^content:/)]);
    expect(shared(before, itemIdentity({ title, summary: 'Anderes.' }))).toEqual([]);
  });

  it('gives an edited item another version, and an unchanged one the same', () => {
    const base = { guid: 'urn:1', link, title, date, summary: 'Paschinjan kündigt an.' };
    expect(itemIdentity(base).version).toBe(itemIdentity({ ...base, guid: 'urn:2', date: '2024-06-18' }).version);
    expect(itemIdentity({ ...base, title: `${title} (aktualisiert)` }).version).not.toBe(itemIdentity(base).version);
    expect(itemIdentity({ ...base, summary: 'Neu.' }).version).not.toBe(itemIdentity(base).version);
  });

  it('keeps guid and link keys apart even for equal strings', () => {
    expect(itemIdentity({ guid: link, title }).id).not.toBe(itemIdentity({ link, title }).id);
  });
});

function item(fields: { guid?: string; link?: string; title: string; date?: string; summary?: string }): FeedItem {
  const { id, keys, version } = itemIdentity(fields);
  return { id, keys, version, title: fields.title, summary: fields.summary ?? '', ...(fields.link ? { link: fields.link } : {}) };
}

describe('sightItems', () => {
  const url = 'https://news.example/feed.xml';
  const a = { title: 'OVKS-Gipfel vertagt', date: '2025-12-01', summary: 'a' };
  const b = { title: 'OVKS-Manöver beendet', date: '2025-12-02', summary: 'b' };

  it('tells new, unchanged and updated items apart across rotating guids and tracking parameters', async () => {
    const seen = createMemoryFeedStateStore();
    const fetch = (n: number, extra: { title: string; date: string; summary: string }[] = []) =>
      [a, b, ...extra].map((story, index) => item({ ...story, guid: `urn:${index}:${n}`, link: `https://news.example/${index}?utm_term=${n}` }));
    expect((await sightItems(url, fetch(1), seen, 0)).map((s) => s.status)).toEqual(['new', 'new']);
    expect((await sightItems(url, fetch(2), seen, 1)).map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
    const edited = fetch(3);
    edited[0] = item({ ...a, title: 'OVKS-Gipfel auf Januar vertagt', guid: 'urn:x', link: 'https://news.example/0?utm_term=3' });
    const sightings = await sightItems(url, edited, seen, 2);
    expect(sightings.map((s) => s.status)).toEqual(['updated', 'unchanged']);
    expect(sightings[0]).toMatchObject({ record: { id: 'guid:urn:0:1' } });
    expect((await sightItems(url, edited, seen, 3)).map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
    const withNew = fetch(4, [{ title: 'Neu', date: '2025-12-03', summary: 'c' }]);
    expect((await sightItems(url, withNew, seen, 4)).map((s) => s.status)).toEqual(['updated', 'unchanged', 'new']);
  });

  it('does not let items of one fetch that share a link or a title and date stand for each other', async () => {
    const seen = createMemoryFeedStateStore();
    const front = 'https://news.example/';
    // Every item links to the front page: the link identifies none of them.
    const first = [item({ ...a, guid: 'g1', link: front }), item({ ...b, guid: 'g2', link: front })];
    expect((await sightItems(url, first, seen, 0)).map((s) => s.status)).toEqual(['new', 'new']);
    const c = { title: 'Drittes', date: '2025-12-03', summary: 'c' };
    const second = [item({ ...c, guid: 'g3', link: front }), ...first];
    expect((await sightItems(url, second, seen, 1)).map((s) => s.status)).toEqual(['new', 'unchanged', 'unchanged']);
  });

  it('gives a record to one item of a fetch only: the one found by the stronger key', async () => {
    const seen = createMemoryFeedStateStore();
    await sightItems(url, [item({ ...a, guid: 'g1', link: 'https://news.example/1' })], seen, 0);
    // A second item carries the first one's title and date under a new guid and link: it is another article.
    const next = [
      item({ ...a, guid: 'g1', link: 'https://news.example/1' }),
      item({ ...a, summary: 'other', guid: 'g9', link: 'https://news.example/9' }),
    ];
    expect((await sightItems(url, next, seen, 1)).map((s) => s.status)).toEqual(['unchanged', 'new']);
  });

  it('reports an item new to one of two pollers only, and refreshes old records', async () => {
    const seen = createMemoryFeedStateStore();
    const items = [item({ ...a, guid: 'g1' })];
    const [one, two] = await Promise.all([sightItems(url, items, seen, 0), sightItems(url, items, seen, 0)]);
    expect([one[0]?.status, two[0]?.status].sort()).toEqual(['new', 'unchanged']);
    const day = 24 * 60 * 60 * 1000;
    await sightItems(url, items, seen, day - 1);
    expect(await seen.recall(url, 'guid:g1')).toMatchObject({ at: 0 });
    await sightItems(url, items, seen, day);
    expect(await seen.recall(url, 'guid:g1')).toMatchObject({ at: day });
  });
});
