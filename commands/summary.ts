// /summary [article] — the three-point summary of an article, newest by default.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { lookupCommand } from '../src/interactions/lookup-command.js';
import { UserError } from '../src/interactions/user-error.js';
import type { Article } from '../src/knowledge/schema.js';
import { paragraphTag, pointTag } from '../src/render/citations.js';
import { formatDate } from '../src/render/dates.js';
import type { Document } from '../src/render/document.js';
import { literal, truncate } from '../src/render/text.js';

// Corrections are noted briefly: each side cut to this length.
const CORRECTION_LENGTH = 120;

function findArticle(ctx: CommandContext, query: string): Article | undefined {
  if (query.trim() === '') {
    const newest = ctx.kb.newestArticle();
    if (newest === undefined) throw new UserError('summary.noArticles');
    return newest;
  }
  const id = ctx.kb.resolve('article', query);
  return id === undefined ? undefined : ctx.kb.article(id);
}

function summaryDocument(ctx: CommandContext, article: Article): Document {
  const { kb, language: lang } = ctx;
  const covers = article.entities.map((id) => literal(kb.entity(id)?.name[lang] ?? id));
  const corrections = article.corrections.map(
    (c) =>
      `• ${t(lang, 'correction.line', {
        articleSays: literal(truncate(c.articleSays, CORRECTION_LENGTH)),
        corrected: literal(truncate(c.corrected[lang], CORRECTION_LENGTH)),
      })} (${paragraphTag(lang, c.source.paragraph)})`,
  );
  const sections = [
    { name: t(lang, 'label.date'), lines: [formatDate(article.date, lang)], inline: true },
    { name: t(lang, 'label.publisher'), lines: [literal(article.publisher)], inline: true },
    ...(article.originalSource === undefined
      ? []
      : [{ name: t(lang, 'label.originalSource'), lines: [literal(article.originalSource)], inline: true }]),
    ...(article.url === undefined ? [] : [{ name: t(lang, 'label.link'), lines: [article.url] }]),
    { name: t(lang, 'label.covers'), lines: [covers.join(', ')] },
    ...(corrections.length === 0 ? [] : [{ name: t(lang, 'label.corrections'), lines: corrections }]),
  ];
  return {
    title: literal(article.title[lang]),
    ...(article.url === undefined ? {} : { url: article.url }),
    description: article.summary.map((p) => `• ${literal(p.text[lang])} *(${pointTag(lang, p)})*`),
    sections,
    footer: t(lang, 'footer.brand'),
  };
}

export const summary: SlashCommand = lookupCommand({
  name: 'summary',
  key: 'command.summary',
  option: { name: 'article', required: false },
  kinds: ['article'],
  notFound: 'notFound.article',
  find: findArticle,
  state: (found) => found.id,
  fromState: (ctx, id) => ctx.kb.article(id),
  document: summaryDocument,
});
