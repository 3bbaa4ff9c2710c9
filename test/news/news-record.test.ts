// The check every stored news item passes before a process answers from it.
import { describe, expect, it } from 'vitest';

import { parseNewsItem } from '../../src/news/news-record.js';

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
    expect(parseNewsItem(JSON.stringify(good))).toEqual(good);
    const { link: _link, published: _published, ...undated } = good;
    expect(parseNewsItem(JSON.stringify(undated))).toEqual(undated);
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
    expect(parseNewsItem(raw)).toBeUndefined();
  });
});
