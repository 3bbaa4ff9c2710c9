// Expert quotes in the reader's language. Anything not in the language the
// article printed is marked: our translations as translations, the speaker's
// words as first published elsewhere as the original wording, with its source.
// Every rendering says when and to whom the words were said, and never shows a
// quote whose printed wording garbles the meaning without what was meant.
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { KnowledgeBase, QuoteRef } from '../knowledge/knowledge-base.js';
import type { FirstPublished } from '../knowledge/schema.js';
import type { Citations } from './citations.js';
import { formatDate } from './dates.js';
import { literal } from './text.js';

const QUOTE_MARKS: Record<Language, [string, string]> = { de: ['„', '“'], en: ['“', '”'] };

/** The words as the reader sees them: the printed wording, the original wording or our translation, marked. */
export function quoteWording(ref: QuoteRef, lang: Language): string {
  const { quote } = ref;
  const [open, close] = QUOTE_MARKS[lang];
  if (quote.language === lang) return `${open}${literal(quote.text)}${close}`;
  const { original } = quote;
  if (original?.language === lang) {
    // The marker is italic already: the title goes in quotation marks.
    const source = `${literal(original.source.publisher)}, ${open}${literal(original.source.title)}${close}, ${formatDate(original.source.date, lang)}`;
    return `${open}${literal(original.text)}${close} *${t(lang, 'quote.original', { source })}*`;
  }
  const translation = quote.translations[lang];
  if (translation === undefined) {
    return `${open}${literal(quote.text)}${close} *${t(lang, `quote.untranslated.${quote.language}`)}*`;
  }
  return `${open}${literal(translation)}${close} *${t(lang, `quote.translatedFrom.${quote.language}`)}*`;
}

/** When the words were first published: the quote's own record, else its article's. */
export function quoteFirstPublished(ref: QuoteRef): FirstPublished | undefined {
  return ref.quote.firstPublished ?? ref.article.firstPublished;
}

/**
 * What the date of a quote is the date of: "to Insider, May 2023 (republished
 * by securnews, 27 December 2024)", or "published by securnews, 27 December 2024".
 */
export function quoteWhen(ref: QuoteRef, lang: Language): string {
  const { article } = ref;
  const publisher = literal(article.publisher);
  const published = formatDate(article.date, lang);
  const first = quoteFirstPublished(ref);
  if (first === undefined) return t(lang, 'quote.publishedBy', { publisher, date: published });
  return t(lang, 'quote.saidTo', { by: literal(first.by), date: formatDate(first.date, lang), publisher, republished: published });
}

/** What the speaker meant, where the printed wording garbles it. */
export function quoteMeaning(ref: QuoteRef, lang: Language): string | undefined {
  const { correction } = ref.quote;
  if (correction === undefined) return undefined;
  const meaning = t(lang, 'quote.meaning', { meaning: literal(correction.meaning[lang]) });
  return correction.confirmedBy === undefined ? meaning : `${meaning} ${t(lang, 'correction.confirmed')}`;
}

/** The quote on one line, for lists that name the speaker and source themselves: wording, when, and what was meant. */
export function quoteText(ref: QuoteRef, lang: Language): string {
  const meaning = quoteMeaning(ref, lang);
  return `${quoteWording(ref, lang)} — ${quoteWhen(ref, lang)}${meaning === undefined ? '' : ` ↳ ${meaning}`}`;
}

/** What a quote line names besides its date and source: who said it, or in which article. */
export type QuoteContext = 'speaker' | 'article';

/**
 * A quote with who said it or where, when and to whom, and its source: one
 * line, plus one for what the speaker meant where the printed wording garbles it.
 */
export function quoteLines(kb: KnowledgeBase, ref: QuoteRef, lang: Language, citations: Citations, show: QuoteContext): string[] {
  const { quote, article } = ref;
  const speaker = kb.entity(quote.expert)?.name[lang] ?? quote.expert;
  const context = [
    show === 'speaker' ? `**${literal(speaker)}**` : `*${literal(article.title[lang])}*`,
    quoteWhen(ref, lang),
    citations.cite(article, quote.paragraph),
  ].join(', ');
  const lines = [`${quoteWording(ref, lang)} — ${context}`];
  const meaning = quoteMeaning(ref, lang);
  if (meaning !== undefined) lines.push(`↳ ${meaning}`);
  return lines;
}
