// Search and the reader's language, on the seed article's own words: function words
// ("die", "the", German "war" = was) find nothing, a word is read in the reader's
// language (English "war" is Krieg), and within a tier a match in the reader's
// language ranks before one in the other language.
import { beforeAll, describe, expect, it } from 'vitest';

import { plain } from '../../src/cli/print.js';
import { t } from '../../src/i18n/t.js';
import type { KnowledgeBase, SearchHit, SearchMatch } from '../../src/knowledge/knowledge-base.js';
import type { KeyPoint } from '../../src/knowledge/schema.js';
import { loadKb } from '../alerts/alert-fixtures.js';
import { allPages, ARTICLE_FLAT, chatInput, messageOf, run, str } from '../commands/harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

/** The one summary line or key point whose wording in a language has the text. */
function pointWith(lang: 'de' | 'en', text: string): KeyPoint {
  const found = kb.articles.flatMap((article) =>
    [...article.summary, ...article.sections.flatMap((s) => s.keyPoints)].filter((p) => p.text[lang].includes(text)),
  );
  if (found.length !== 1) throw new Error(`${found.length} points say "${text}"`);
  return found[0]!;
}

/** Every wording of every searchable record in a language. */
function wordings(lang: 'de' | 'en'): string[] {
  return kb.articles.flatMap((article) => [
    ...[...article.summary, ...article.sections.flatMap((s) => s.keyPoints)].map((p) => p.text[lang]),
    ...article.quotes.map((q) => (q.language === lang ? q.text : (q.translations[lang] ?? ''))),
  ]);
}

const isPoint = (hit: SearchHit, point: KeyPoint): boolean => hit.kind !== 'quote' && hit.point === point;

/** Within each tier, the reader's language first. */
function readerFirst(hits: readonly SearchHit[], lang: 'de' | 'en'): boolean {
  const tiers: SearchMatch[] = ['phrase', 'all', 'some'];
  return tiers.every((tier) => {
    const languages = hits.filter((hit) => hit.match === tier).map((hit) => hit.language);
    return languages.every((language, i) => language === lang || !languages.slice(i).includes(lang));
  });
}

describe('search: German "war" (was) is not English "war"', () => {
  // The summary: „…Gegenstück zur NATO, war nie eine Macht…“, in English "…was never a powerhouse…".
  // Marin: „Es wäre falsch anzunehmen…“, where "wäre" begins with "war".
  it('an English reader’s war finds the English word only, never German war or wäre', () => {
    expect(ARTICLE_FLAT).toContain('war nie eine Macht');
    expect(ARTICLE_FLAT).toContain('Es wäre falsch');
    const powerhouse = pointWith('de', 'war nie eine Macht');
    expect(powerhouse.text.en).not.toMatch(/\bwar\b/i);

    const hits = kb.search('war', 'en', 50);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.language, hit.text).toBe('en');
      expect(hit.text).toMatch(/\bwar\b/i);
      expect(hit.text).not.toMatch(/\bwäre?\b/i);
    }
    expect(hits.some((hit) => isPoint(hit, powerhouse))).toBe(false);
  });

  it('a German reader’s war is a function word: alone it can only be English "war"; in a phrase it holds a place', () => {
    for (const hit of kb.search('war', 'de', 50)) {
      expect(hit.language, hit.text).toBe('en');
      expect(hit.text).toMatch(/\bwar\b/i);
    }
    const powerhouse = pointWith('de', 'war nie eine Macht');
    const [first] = kb.search('war nie eine Macht', 'de');
    expect(first && isPoint(first, powerhouse)).toBe(true);
    expect(first).toMatchObject({ match: 'phrase', language: 'de' });
    // Without a word where "eine" stands it is no phrase.
    expect(kb.search('nie Macht', 'de').find((hit) => isPoint(hit, powerhouse))?.match).toBe('all');
  });

  it('/search war, in English, shows no hit that only the German wording matched', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('search', [str('query', 'war')], 'en-US')));
    const shown = embeds.map((embed) => plain(embed.description ?? '')).join('\n');
    expect(shown).toMatch(/\bwar\b/);
    expect(shown).not.toContain('↳ DE');
    expect(shown).not.toContain('was never a powerhouse');
    expect(shown).not.toContain('It would be wrong to assume');
  });
});

describe('search: function words', () => {
  it('finds nothing for a function word alone, in either language, for either reader', () => {
    // The article's wordings are full of them; English "die" (to die) is in none of them.
    for (const word of ['die', 'der', 'und', 'eine', 'ist']) expect(wordings('de').some((text) => new RegExp(`\\b${word}\\b`).test(text))).toBe(true);
    for (const word of ['the', 'and', 'of', 'was', 'is']) expect(wordings('en').some((text) => new RegExp(`\\b${word}\\b`).test(text))).toBe(true);
    expect(wordings('en').some((text) => /\bdie\b/i.test(text))).toBe(false);
    for (const query of ['die', 'der', 'und', 'eine', 'ist', 'the', 'and', 'of', 'was', 'is', 'the of and', 'die der das']) {
      for (const lang of ['de', 'en'] as const) expect(kb.search(query, lang, 50), `${query} (${lang})`).toEqual([]);
    }
  });

  it('/search the, or die, answers that nothing was found', async () => {
    for (const [query, locale, lang] of [
      ['the', 'en-US', 'en'],
      ['die', 'en-US', 'en'],
      ['die', 'de', 'de'],
    ] as const) {
      const reply = await run(kb, chatInput('search', [str('query', query)], locale));
      expect(messageOf(reply).content).toBe(t(lang, 'search.empty', { query }));
    }
  });

  it('ignores function words among content words, in the reader’s language', () => {
    // „Die Mitgliedstaaten schienen nicht bereit zu sein, militärische Unterstützung zu leisten“.
    expect(kb.search('die militärische Unterstützung', 'de').map((hit) => hit.text)).toEqual(
      kb.search('militärische Unterstützung', 'de').map((hit) => hit.text),
    );
    expect(kb.search('the military support', 'en').map((hit) => hit.text)).toEqual(kb.search('military support', 'en').map((hit) => hit.text));
  });
});

describe('search: the last word as a prefix', () => {
  it('expands the last word from four letters, in both languages', () => {
    expect(ARTICLE_FLAT).toContain('Bündnis');
    expect(kb.search('Bün', 'de')).toEqual([]);
    const bund = kb.search('Bünd', 'de');
    expect(bund.length).toBeGreaterThan(0);
    for (const hit of bund) expect(hit.text).toMatch(/bündnis/i);
    // An English reader typing part of a German word still finds it.
    expect(kb.search('Glaubw', 'en').some((hit) => hit.language === 'de' && hit.text.includes('Glaubwürdigkeit'))).toBe(true);
  });
});

describe('search: the reader’s language first', () => {
  it('ranks a match in the reader’s language before one in the other language of the same tier', () => {
    // The summary „Die Organisation des Vertrags über kollektive Sicherheit…“ (a summary line weighs
    // more than a quote) matches "organisation" in German only; Marin's quote "…has increased the
    // organisation's credibility" in English.
    const summary = pointWith('de', 'Die Organisation des Vertrags');
    expect(summary.text.en).not.toMatch(/organisation/i);
    const hits = kb.search('organisation', 'en');
    expect(hits[0]).toMatchObject({ kind: 'quote', language: 'en', match: 'all' });
    expect(hits[0]?.text).toContain("organisation's credibility");
    const german = hits.find((hit) => isPoint(hit, summary));
    expect(german).toMatchObject({ language: 'de', match: 'all' });

    // Each has hits in both languages in one tier; all words, and some words ("Groll" is German only).
    for (const [query, lang] of [
      ['organisation', 'en'],
      ['CSTO', 'de'],
      ['regional', 'de'],
      ['Groll distrust', 'en'],
    ] as const) {
      const found = kb.search(query, lang, 50);
      expect(new Set(found.map((hit) => hit.language)).size, query).toBe(2);
      expect(readerFirst(found, lang), `${query} (${lang}): ${found.map((hit) => `${hit.match}/${hit.language}`).join(' ')}`).toBe(true);
    }
  });
});
