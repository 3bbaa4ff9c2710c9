// The check every stored news item passes before a process answers from it.
import { describe, expect, it } from 'vitest';

import { checkNewsItem, checkStoredNews } from '../../src/news/news-record.js';

const good = {
  id: 'abc:guid:1',
  title: 'NATO meets',
  summary: '',
  link: 'https://news.example.org/1',
  published: '2026-12-01T10:00:00.000Z',
  source: { title: 'Example', host: 'news.example.org' },
  language: 'en',
  entities: ['nato'],
  topics: [],
};

describe('stored news items', () => {
  it('reads a well-formed item back as it was written', () => {
    expect(checkNewsItem(JSON.stringify(good))?.item).toEqual(good);
    const { link: _link, published: _published, ...undated } = good;
    expect(checkNewsItem(JSON.stringify(undated))?.item).toEqual(undated);
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '42'],
    ['a javascript: link', JSON.stringify({ ...good, link: 'javascript:alert(1)' })],
    ['a link with a space', JSON.stringify({ ...good, link: 'https://a.example/x y' })],
    ['a date that is no date', JSON.stringify({ ...good, published: 'yesterday' })],
    ['a title that is no text', JSON.stringify({ ...good, title: 42 })],
    ['an entity list that is no list', JSON.stringify({ ...good, entities: 'nato' })],
    ['a language that is no language tag', JSON.stringify({ ...good, language: 'english' })],
    ['no source', JSON.stringify({ ...good, source: null })],
  ])('refuses %s', (_name, raw) => {
    expect(checkNewsItem(raw)).toBeUndefined();
  });

  it('tells a text holding exactly the item from one with more, and refuses an item stored under another id', () => {
    expect(checkNewsItem(JSON.stringify(good))?.exact).toBe(true);
    expect(checkNewsItem(JSON.stringify({ ...good, extra: 1 }))).toEqual({ item: good, exact: false });
    expect(checkStoredNews(good.id, JSON.stringify(good))?.item).toEqual(good);
    expect(checkStoredNews('abc:guid:2', JSON.stringify(good))).toBeUndefined();
  });
});
