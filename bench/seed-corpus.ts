// A search corpus with a realistic vocabulary: the generated dataset's shape
// (articles, records, languages), with every summary line, key point and quote
// made of the seed article's own sentences (data/), cut and recombined. The
// generator's few repeated words would make every word common; here words are
// as many and as rare as in real articles.
import { fileURLToPath } from 'node:url';

import type { Language } from '../src/i18n/language.js';
import type { Dataset } from '../src/knowledge/knowledge-base.js';
import { loadDataset } from '../src/knowledge/load.js';
import type { Article, LocalizedText } from '../src/knowledge/schema.js';
import { prng } from './generate-dataset.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));

/** The seed articles' sentences in both languages: summaries, key points, quotes and timeline events. */
export async function seedSentences(): Promise<LocalizedText[]> {
  const result = await loadDataset(DATA);
  if (!result.ok) throw new Error('data/ has problems');
  return result.dataset.articles.flatMap((article) => [
    ...article.summary.map((p) => p.text),
    ...article.sections.flatMap((section) => section.keyPoints.map((p) => p.text)),
    ...article.timeline.map((event) => event.text),
    ...article.quotes.flatMap((quote) => {
      const de = quote.language === 'de' ? quote.text : quote.translations.de;
      const en = quote.language === 'en' ? quote.text : quote.translations.en;
      return de === undefined || en === undefined ? [] : [{ de, en }];
    }),
  ]);
}

/** `dataset` with every searchable text replaced by the start of one seed sentence and the end of another. */
export function withSeedVocabulary(dataset: Dataset, sentences: readonly LocalizedText[], seed = 7): Dataset {
  const random = prng(seed);
  const pick = (): LocalizedText => {
    const sentence = sentences[Math.floor(random() * sentences.length)];
    if (sentence === undefined) throw new Error('no seed sentences');
    return sentence;
  };
  const cut = (text: string, from: number, to: number): string => {
    const words = text.split(' ');
    return words.slice(Math.floor(words.length * from), Math.ceil(words.length * to)).join(' ');
  };
  const recombined = (): LocalizedText => {
    const [a, b] = [pick(), pick()];
    const at = 0.3 + random() * 0.4;
    const text = (lang: Language): string => `${cut(a[lang], 0, at)} ${cut(b[lang], at, 1)}`.trim();
    return { de: text('de'), en: text('en') };
  };
  const articles = dataset.articles.map((article): Article => ({
    ...article,
    summary: article.summary.map((p) => ({ ...p, text: recombined() })),
    sections: article.sections.map((section) => ({ ...section, keyPoints: section.keyPoints.map((p) => ({ ...p, text: recombined() })) })),
    quotes: article.quotes.map((quote) => {
      const text = recombined();
      const other: Language = quote.language === 'de' ? 'en' : 'de';
      return { ...quote, text: text[quote.language], translations: { [other]: text[other] } };
    }),
  }));
  return { ...dataset, articles };
}
