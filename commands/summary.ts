// /summary [article] — the three-point summary of an article, newest by default:
// what it says, when and by whom it was published (and first published), its
// source and what it covers. Its corrections are counted there and shown in a
// view of their own behind a button, each with what the article printed, what
// is true and why; a quote's correction is shown with the quote.
import type { Language } from '../src/i18n/language.js';
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { lookupCommand } from '../src/interactions/lookup-command.js';
import { UserError } from '../src/interactions/user-error.js';
import type { Article } from '../src/knowledge/schema.js';
import { paragraphTag, pointTag } from '../src/render/citations.js';
import { formatDate } from '../src/render/dates.js';
import type { Document, DocumentSection } from '../src/render/document.js';
import { cachedLayout, pageOf, type PageRef, viewButton, withButtons } from '../src/render/paging.js';
import { quoteWhen } from '../src/render/quotes.js';
import type { Reply } from '../src/render/reply.js';
import { literal } from '../src/render/text.js';

const NAME = 'summary';
const QUOTE_MARKS: Record<Language, [string, string]> = { de: ['„', '“'], en: ['“', '”'] };

/** Text in the reader's quotation marks. */
function quoted(text: string, lang: Language): string {
  const [open, close] = QUOTE_MARKS[lang];
  return `${open}${literal(text)}${close}`;
}
/** The page state of an article's corrections view: this prefix and the article id (ids hold no ":"). */
const CORRECTIONS = 'corrections:';

function findArticle(ctx: CommandContext, query: string): Article | undefined {
  if (query.trim() === '') {
    const newest = ctx.kb.newestArticle();
    if (newest === undefined) throw new UserError('summary.noArticles');
    return newest;
  }
  const id = ctx.kb.resolve('article', query);
  return id === undefined ? undefined : ctx.kb.article(id);
}

/** What the date is the date of: "published 27 December 2024 by securnews; first published by Insider, May 2023". */
export function publishedLine(article: Article, lang: Language): string {
  const published = t(lang, 'summary.published', { date: formatDate(article.date, lang), publisher: literal(article.publisher) });
  const first = article.firstPublished;
  if (first === undefined) return published;
  return `${published}; ${t(lang, 'summary.firstPublished', { by: literal(first.by), date: formatDate(first.date, lang) })}`;
}

/** The corrections of the article's text and of its quotes, in the order of their paragraphs. */
function correctionCount(article: Article): number {
  return article.corrections.length + article.quotes.filter((q) => q.correction !== undefined).length;
}

function summaryDocument(ctx: CommandContext, article: Article): Document {
  const { kb, language: lang } = ctx;
  const covers = article.entities.map((id) => literal(kb.entity(id)?.name[lang] ?? id));
  const first = article.firstPublished;
  // The original's headline and address, under the source it credits.
  const original =
    first === undefined ? [] : [...(first.title === undefined ? [] : [quoted(first.title, lang)]), ...(first.link === undefined ? [] : [first.link])];
  const source = article.originalSource ?? first?.by;
  const count = correctionCount(article);
  const sections: DocumentSection[] = [
    { name: t(lang, 'label.date'), lines: [publishedLine(article, lang)] },
    { name: t(lang, 'label.publisher'), lines: [literal(article.publisher)], inline: true },
    ...(source === undefined
      ? []
      : [{ name: t(lang, 'label.originalSource'), lines: [literal(source), ...original], inline: original.length === 0 }]),
    ...(article.url === undefined ? [] : [{ name: t(lang, 'label.link'), lines: [article.url] }]),
    { name: t(lang, 'label.covers'), lines: [covers.join(', ')] },
    ...(count === 0 ? [] : [{ name: t(lang, 'label.corrections'), lines: [t(lang, 'summary.correctionCount', { count })] }]),
  ];
  return {
    title: literal(article.title[lang]),
    ...(article.url === undefined ? {} : { url: article.url }),
    description: article.summary.map((p) => `• ${literal(p.text[lang])} *(${pointTag(lang, p)})*`),
    sections,
    footer: t(lang, 'footer.brand'),
  };
}

/** Each correction as a section: where it is, what was printed, what is true (or meant) and why. */
function correctionsDocument(ctx: CommandContext, article: Article): Document {
  const { kb, language: lang } = ctx;
  const confirmed = (by: 'original' | undefined): string => (by === undefined ? '' : ` ${t(lang, 'correction.confirmed')}`);
  const entries: { paragraph: number; section: DocumentSection }[] = [
    ...article.corrections.map((c) => ({
      paragraph: c.source.paragraph,
      section: {
        name: t(lang, 'corrections.inText', { paragraph: paragraphTag(lang, c.source.paragraph) }),
        lines: [
          t(lang, 'corrections.printed', { text: quoted(c.articleSays, lang) }),
          t(lang, 'corrections.corrected', { text: literal(c.corrected[lang]) }),
          t(lang, 'corrections.reason', { text: literal(c.reason[lang]) }) + confirmed(c.confirmedBy),
        ],
      },
    })),
    ...article.quotes.flatMap((quote) => {
      const { correction } = quote;
      if (correction === undefined) return [];
      const expert = literal(kb.entity(quote.expert)?.name[lang] ?? quote.expert);
      return [
        {
          paragraph: quote.paragraph,
          section: {
            name: t(lang, 'corrections.inQuote', { expert, paragraph: paragraphTag(lang, quote.paragraph) }),
            lines: [
              // A quote says, wherever it is shown, what its date is the date of.
              `${t(lang, 'corrections.printed', { text: quoted(quote.text, lang) })} — ${quoteWhen({ quote, article }, lang)}`,
              t(lang, 'corrections.meant', { text: literal(correction.meaning[lang]) }),
              t(lang, 'corrections.reason', { text: literal(correction.reason[lang]) }) + confirmed(correction.confirmedBy),
            ],
          },
        },
      ];
    }),
  ];
  entries.sort((a, b) => a.paragraph - b.paragraph);
  return {
    title: t(lang, 'corrections.title', { title: literal(article.title[lang]) }),
    description: [t(lang, 'corrections.intro'), '', publishedLine(article, lang)],
    sections: entries.map((e) => e.section),
    footer: t(lang, 'footer.brand'),
  };
}

function correctionsButton(ctx: CommandContext, article: Article) {
  const count = correctionCount(article);
  if (count === 0) return undefined;
  const ref = { command: NAME, language: ctx.language, page: 0, state: `${CORRECTIONS}${article.id}` };
  return viewButton(ref, t(ctx.language, 'summary.correctionsButton', { count }));
}

/** A page of an article's corrections, with a button back to its summary. */
function correctionsPage(ctx: CommandContext, articleId: string, page: number): Reply {
  const article = ctx.kb.article(articleId);
  if (article === undefined || correctionCount(article) === 0) throw new UserError('page.expired');
  const ref: PageRef = { command: NAME, language: ctx.language, page, state: `${CORRECTIONS}${article.id}` };
  const reply = pageOf(
    cachedLayout(ctx.kb, ref, () => correctionsDocument(ctx, article)),
    ref,
  );
  const back = viewButton({ command: NAME, language: ctx.language, page: 0, state: article.id }, t(ctx.language, 'summary.backButton'));
  return withButtons(reply, [back]);
}

const lookup = lookupCommand({
  name: NAME,
  key: 'command.summary',
  option: { name: 'article', required: false },
  kinds: ['article'],
  notFound: 'notFound.article',
  find: findArticle,
  state: (found) => found.id,
  fromState: (ctx, id) => ctx.kb.article(id),
  document: summaryDocument,
  buttons: (ctx, found) => [correctionsButton(ctx, found)],
});

export const summary: SlashCommand = {
  ...lookup,
  page(ctx, state, page) {
    if (state.startsWith(CORRECTIONS)) return correctionsPage(ctx, state.slice(CORRECTIONS.length), page);
    if (lookup.page === undefined) throw new UserError('page.expired');
    return lookup.page(ctx, state, page);
  },
};
