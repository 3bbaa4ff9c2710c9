import { describe, expect, it } from 'vitest';

import type { QuoteRef } from '../../src/knowledge/knowledge-base.js';
import type { Article, Quote } from '../../src/knowledge/schema.js';
import { Citations, pointTag } from '../../src/render/citations.js';
import { quoteText, quoteWhen, quoteWording } from '../../src/render/quotes.js';

const quote: Quote = {
  id: 'q',
  expert: 'someone',
  paragraph: 3,
  language: 'de',
  text: 'wirklich Risse',
  translations: { en: 'really cracks' },
  about: ['csto'],
  topics: [],
};

const article = {
  id: 'a',
  title: { original: 'T', language: 'de', de: 'T', en: 'T' },
  date: '2024-12-27',
  publisher: 'securnews',
  language: 'de',
  paragraphCount: 10,
  topics: ['t'],
  entities: ['csto'],
  summary: [],
  sections: [],
  quotes: [quote],
  timeline: [],
  corrections: [],
  notes: [],
} satisfies Article;

const insider = { by: 'Insider', date: '2023-05', reason: { de: '-', en: '-' } };

describe('when a quote was said', () => {
  it('names the publisher and what the date is the date of', () => {
    const ref: QuoteRef = { quote, article };
    expect(quoteWhen(ref, 'en')).toBe('published by securnews, 27 December 2024');
    expect(quoteWhen(ref, 'de')).toBe('veröffentlicht von securnews am 27. Dezember 2024');
  });

  it("takes the article's first publication, and a quote's own over it", () => {
    const republished: QuoteRef = { quote, article: { ...article, firstPublished: insider } };
    expect(quoteWhen(republished, 'en')).toBe('to Insider, May 2023 (republished by securnews, 27 December 2024)');
    expect(quoteWhen(republished, 'de')).toBe('gegenüber Insider, Mai 2023 (erneut veröffentlicht von securnews am 27. Dezember 2024)');
    const own: QuoteRef = { quote: { ...quote, firstPublished: { ...insider, by: 'the BBC', date: '2023-04-02' } }, article: republished.article };
    expect(quoteWhen(own, 'en')).toBe('to the BBC, 2 April 2023 (republished by securnews, 27 December 2024)');
  });
});

describe('the wording shown', () => {
  const original = { text: 'really showing cracks', language: 'en' as const, source: { publisher: 'Insider', title: 'Headline', date: '2023-05' } };

  it('shows the original wording with its source instead of our translation, and the printed wording in its own language', () => {
    const ref: QuoteRef = { quote: { ...quote, original }, article };
    expect(quoteWording(ref, 'en')).toBe('“really showing cracks” *(original wording: Insider, “Headline”, May 2023)*');
    expect(quoteWording(ref, 'de')).toBe('„wirklich Risse“');
    expect(quoteWording({ quote, article }, 'en')).toBe('“really cracks” *(translated from German)*');
  });

  it('never shows a garbled quote on one line without what was meant', () => {
    const correction = { meaning: { de: 'Keine Risse.', en: 'No cracks.' }, reason: { de: '-', en: '-' }, confirmedBy: 'original' as const };
    const text = quoteText({ quote: { ...quote, correction }, article }, 'en');
    expect(text).toBe(
      '“really cracks” *(translated from German)* — published by securnews, 27 December 2024 ↳ Meant: No cracks. (confirmed by the original)',
    );
  });
});

describe('key points drawn from several paragraphs', () => {
  it('cite every paragraph, inline and in the source list', () => {
    const citations = new Citations('en');
    const point = { text: { de: '-', en: '-' }, paragraph: 46, alsoParagraphs: [45] };
    expect(citations.citePoint(article, point)).toBe('[1] § 45, 46');
    expect(citations.cite(article, 3)).toBe('[1] § 3');
    expect(citations.lines()[0]).toMatch(/§ 3, 45, 46$/);
    expect(pointTag('de', { paragraph: 9 })).toBe('§ 9');
  });
});
