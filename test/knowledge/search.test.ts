// Search on the bundled data: word forms, ranking, both languages, and hits that
// carry the very record that matched. Expectations come from the seed article's text.
import { beforeAll, describe, expect, it } from 'vitest';

import type { KnowledgeBase, SearchHit, SearchMatch } from '../../src/knowledge/knowledge-base.js';
import { loadKb } from '../alerts/alert-fixtures.js';
import { ARTICLE_FLAT } from '../commands/harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

const RANK: Record<SearchMatch, number> = { phrase: 0, all: 1, some: 2 };

/** The wording a hit's record has in a language. */
function wordingIn(hit: SearchHit, lang: 'de' | 'en'): string | undefined {
  if (hit.kind !== 'quote') return hit.point.text[lang];
  return hit.quote.language === lang ? hit.quote.text : hit.quote.translations[lang];
}

describe('search', () => {
  it('ranks a phrase before all words before some words', () => {
    // Paragraph 51: „ein gewisser Groll gegenüber Russland“; paragraph 44: „militärische Unterstützung zu leisten“.
    expect(ARTICLE_FLAT).toContain('Groll gegenüber Russland');
    expect(ARTICLE_FLAT).toContain('militärische Unterstützung');
    for (const [query, lang, phrase, words] of [
      ['Groll gegenüber', 'de', /Groll gegenüber/i, [/\bgroll/i, /\bgegenüber/i]],
      ['military support', 'en', /military support/i, [/\bmilitar/i, /\bsupport/i]],
    ] as const) {
      const hits = kb.search(query, lang, 25);
      const tiers = hits.map((hit) => hit.match);
      expect(new Set(tiers)).toEqual(new Set(['phrase', 'all', 'some']));
      expect(tiers).toEqual([...tiers].sort((a, b) => RANK[a] - RANK[b]));
      for (const hit of hits) {
        const found = words.filter((word) => word.test(hit.text)).length;
        if (hit.match === 'phrase') expect(hit.text).toMatch(phrase);
        else if (hit.match === 'all') expect(hit.text).not.toMatch(phrase);
        expect(found, hit.text).toBe(hit.match === 'some' ? 1 : 2);
      }
    }
  });

  it('matches inflected and derived forms in both languages', () => {
    for (const [a, b, lang] of [
      ['Armenien', 'Armeniens', 'de'],
      ['Glaubwürdigkeit', 'glaubwürdig', 'de'],
      ['Bündnis', 'Bündnisses', 'de'],
      ['alliance', 'alliances', 'en'],
      ['credibility', 'credible', 'en'],
    ] as const) {
      const first = kb.search(a, lang, 25);
      expect(first.length, a).toBeGreaterThan(0);
      expect(kb.search(b, lang, 25).map((hit) => hit.text)).toEqual(first.map((hit) => hit.text));
    }
  });

  it('finds a German quote through its English translation and the other way round, showing the wording that matched', () => {
    const [resentment] = kb.search('resentment', 'de');
    expect(resentment).toMatchObject({ kind: 'quote', language: 'en', quote: { language: 'de' } });
    expect(resentment?.text).toContain('resentment');
    expect(resentment && wordingIn(resentment, 'de')).toContain('Groll');

    const [groll] = kb.search('Groll', 'en');
    expect(groll).toMatchObject({ kind: 'quote', language: 'de' });
    expect(groll?.text).toContain('Groll');
    expect(groll?.kind === 'quote' && groll.quote).toBe(resentment?.kind === 'quote' && resentment.quote);
  });

  it('shows the reader’s language when both wordings match', () => {
    for (const lang of ['de', 'en'] as const) {
      const hits = kb
        .search('Putin', lang, 25)
        .filter((hit) => /putin/i.test(wordingIn(hit, 'de') ?? '') && /putin/i.test(wordingIn(hit, 'en') ?? ''));
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(hit.language).toBe(lang);
    }
  });

  it('carries the exact record that matched, not another of the same paragraph', () => {
    for (const word of ['Groll', 'abhängig', 'resentment', 'dependent', 'distrust', 'ally']) {
      const hits = kb.search(word, 'en', 25);
      expect(hits.length, word).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(wordingIn(hit, hit.language)).toBe(hit.text);
        expect(hit.text.toLowerCase()).toContain(word.toLowerCase().slice(0, 5));
        if (hit.kind === 'quote') expect(hit.paragraph).toBe(hit.quote.paragraph);
        else expect(hit.paragraph).toBe(hit.point.paragraph);
      }
    }
  });

  it('does not let a stem collapse onto a function word', () => {
    // Snowball's German stem of "Sicherheit" is "sich".
    for (const hit of kb.search('Sicherheit', 'de', 25)) expect(hit.text).toMatch(/sicherheit/i);
  });
});
