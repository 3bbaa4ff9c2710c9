// /search as the reader sees it, checked against the seed article's own words
// (test/fixtures/seed): every hit shows the wording that matched, the exact
// quote that matched, and a quote's correction wherever the quote is shown.
import { beforeAll, describe, expect, it } from 'vitest';

import { plain } from '../../src/cli/print.js';
import { splitParagraphs } from '../../src/draft/paragraphs.js';
import type { KnowledgeBase, QuoteRef } from '../../src/knowledge/knowledge-base.js';
import { allPages, ARTICLE_FLAT, ARTICLE_TEXT, chatInput, loadKb, run, str } from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

type Locale = 'de' | 'en-US';

/** Each hit of a search reply on every page: its first line and the lines under it, as displayed. */
async function hitBlocks(query: string, locale: Locale): Promise<string[]> {
  const embeds = await allPages(kb, await run(kb, chatInput('search', [str('query', query)], locale)));
  const lines = embeds.flatMap((embed) => (embed.description ?? '').split('\n')).map(plain);
  const blocks: string[] = [];
  for (const line of lines) {
    const last = blocks.pop();
    if (last !== undefined) blocks.push(line.startsWith('↳') ? `${last}\n${line}` : last);
    if (!line.startsWith('↳') && line !== '') blocks.push(line);
  }
  return blocks;
}

/** The one quote whose printed wording has the word. */
function quoteWith(word: string): QuoteRef {
  const found = kb.articles.flatMap((article) => article.quotes.filter((quote) => quote.text.includes(word)).map((quote) => ({ quote, article })));
  const [ref, ...more] = found;
  if (ref === undefined || more.length > 0) throw new Error(`${found.length} quotes say "${word}"`);
  return ref;
}

describe('/search shows the words it matched', () => {
  // The query, and the stem every hit must show (in the language that matched), as the article spells it.
  const cases: [query: string, stem: RegExp][] = [
    ['Armeniens', /armeni/i],
    ['Armenien', /armeni/i],
    ['Glaubwürdigkeit', /glaubwürd/i],
    ['glaubwürdig', /glaubwürd/i],
    ['Bündnisses', /bündnis/i],
    ['credibility', /credib/i],
    ['alliances', /allianc/i],
    ['Groll', /groll/i],
    ['resentment', /resent/i],
    ['abhängig', /abhängig/i],
  ];
  it.each(cases.flatMap(([query, stem]) => (['de', 'en-US'] as const).map((locale) => [query, locale, stem] as const)))(
    '%s (%s): every hit shows the word',
    async (query, locale, stem) => {
      const blocks = await hitBlocks(query, locale);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) expect(block).toMatch(stem);
    },
  );

  it('finds inflected forms of words the article uses', async () => {
    // The seed article says "Armenien" and "Bündnis", never "Armeniens" or "Bündnisses".
    expect(ARTICLE_FLAT).toMatch(/Armenien\b/);
    expect(ARTICLE_FLAT).not.toContain('Armeniens');
    expect(ARTICLE_FLAT).toMatch(/Bündnis\b/);
    expect(ARTICLE_FLAT).not.toContain('Bündnisses');
    const inflected = await hitBlocks('Armeniens', 'de');
    expect(inflected).toEqual(await hitBlocks('Armenien', 'de'));
    expect(inflected.some((block) => /Armenien\b/.test(block))).toBe(true);
    expect((await hitBlocks('Bündnisses', 'de')).some((block) => block.includes('Bündnis'))).toBe(true);
  });
});

describe('/search cites every paragraph a hit draws on', () => {
  // Words the article prints in one paragraph that key points drawing on several paragraphs repeat.
  it.each(['Migranten', 'Risse', 'Groll'])('%s: each hit showing the word cites a paragraph that prints it', async (word) => {
    const printedIn = splitParagraphs(ARTICLE_TEXT)
      .filter((paragraph) => paragraph.text.includes(word))
      .map((paragraph) => paragraph.number);
    expect(printedIn.length).toBeGreaterThan(0);
    const blocks = (await hitBlocks(word, 'de')).filter((block) => block.split('\n')[0]!.includes(word));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const cited = [...block.matchAll(/§ ([\d, –-]+)/g)].flatMap((match) => match[1]!.split(/[, ]+/).filter(Boolean).map(Number));
      expect(
        cited.some((number) => printedIn.includes(number)),
        block,
      ).toBe(true);
    }
  });
});

describe('/search shows the quote that matched', () => {
  it.each(['Groll', 'abhängig', 'Misstrauens'])('%s: the quote containing the word, not another of the same paragraph', async (word) => {
    const { quote, article } = quoteWith(word);
    const neighbours = article.quotes.filter((q) => q !== quote && q.expert === quote.expert && q.paragraph === quote.paragraph);
    expect(neighbours.length, 'the same expert has another quote in that paragraph').toBeGreaterThan(0);
    for (const locale of ['de', 'en-US'] as const) {
      const shown = (await hitBlocks(word, locale)).filter((block) => block.includes(`§ ${quote.paragraph}`)).join('\n');
      expect(shown).toContain(quote.text);
      for (const neighbour of neighbours) {
        expect(shown).not.toContain(neighbour.text);
        expect(shown).not.toContain(neighbour.translations.en ?? neighbour.text);
      }
    }
  });

  it('finds a German quote through its English translation and shows both wordings', async () => {
    const { quote } = quoteWith('Groll');
    const english = quote.translations.en ?? '';
    // "resentment": the English word for "Groll".
    const query = english.split(' ').find((word) => word.length > 6) ?? '';
    expect(query).toMatch(/^resentment$/);
    const block = (await hitBlocks(query, 'de')).find((b) => b.includes(quote.text));
    expect(block).toContain(english);
  });

  it('shows the correction of every corrected quote it finds, in either language', async () => {
    const corrected = kb.articles.flatMap((article) => article.quotes.filter((quote) => quote.correction !== undefined));
    expect(corrected.length).toBeGreaterThan(0);
    for (const quote of corrected) {
      const queries: [string, Locale][] = [
        [quote.text, 'de'],
        [quote.translations.en ?? quote.text, 'en-US'],
        [quote.text, 'en-US'],
      ];
      const meaning = quote.correction?.meaning;
      for (const [query, locale] of queries) {
        const blocks = await hitBlocks(query.slice(0, 60), locale);
        const block = blocks.find((b) => b.includes(quote.text) || (quote.translations.en !== undefined && b.includes(quote.translations.en)));
        expect(block, `${quote.id} found by "${query.slice(0, 60)}"`).toBeDefined();
        expect(block).toContain(meaning?.[locale === 'de' ? 'de' : 'en']);
      }
    }
  });

  it('credibility / Glaubwürdigkeit: Marin says the lack of support has not increased the credibility', async () => {
    for (const [query, locale, lang] of [
      ['credibility', 'en-US', 'en'],
      ['Glaubwürdigkeit', 'de', 'de'],
    ] as const) {
      const block = (await hitBlocks(query, locale)).find(
        (b) => b.includes('Glaubwürdigkeit der Organisation') || b.includes("organisation's credibility"),
      );
      expect(block).toBeDefined();
      expect(block).toMatch(lang === 'de' ? /nicht erhöht/ : /has not increased/);
    }
  });
});
