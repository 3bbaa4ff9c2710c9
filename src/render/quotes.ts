// Expert quotes in the reader's language. Anything not in the language the
// article printed is marked as a translation: those are our words, not the speaker's.
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { QuoteRef } from '../knowledge/knowledge-base.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Citations } from './citations.js';
import { formatDate } from './dates.js';
import { literal } from './text.js';

const QUOTE_MARKS: Record<Language, [string, string]> = { de: ['„', '“'], en: ['“', '”'] };

/** The quote as the reader sees it: wording plus, when translated, the marker. */
export function quoteText(ref: QuoteRef, lang: Language): string {
  const { quote } = ref;
  const [open, close] = QUOTE_MARKS[lang];
  if (quote.language === lang) return `${open}${literal(quote.text)}${close}`;
  const translation = quote.translations[lang];
  if (translation === undefined) {
    return `${open}${literal(quote.text)}${close} *${t(lang, `quote.untranslated.${quote.language}`)}*`;
  }
  return `${open}${literal(translation)}${close} *${t(lang, `quote.translatedFrom.${quote.language}`)}*`;
}

/** What a quote line names besides its date and source: who said it, or in which article. */
export type QuoteContext = 'speaker' | 'article';

/**
 * A quote with who said it or where, its date and source: one line, plus one
 * for what the speaker meant where the printed wording garbles it.
 */
export function quoteLines(kb: KnowledgeBase, ref: QuoteRef, lang: Language, citations: Citations, show: QuoteContext): string[] {
  const { quote, article } = ref;
  const speaker = kb.entity(quote.expert)?.name[lang] ?? quote.expert;
  const context = [
    show === 'speaker' ? `**${literal(speaker)}**` : `*${literal(article.title[lang])}*`,
    formatDate(article.date, lang),
    citations.cite(article, quote.paragraph),
  ].join(', ');
  const lines = [`${quoteText(ref, lang)} — ${context}`];
  if (quote.correction !== undefined) lines.push(`↳ ${t(lang, 'quote.meaning', { meaning: literal(quote.correction.meaning[lang]) })}`);
  return lines;
}
