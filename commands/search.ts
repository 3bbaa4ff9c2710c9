// /search query — full text over summaries, key points and expert quotes.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { everywhereCommand, textOption } from '../src/interactions/definition.js';
import { argumentsOf } from '../src/interactions/options.js';
import { UserError } from '../src/interactions/user-error.js';
import type { SearchHit } from '../src/knowledge/knowledge-base.js';
import { cachedLayout, pageOf } from '../src/render/paging.js';
import { quoteText } from '../src/render/quotes.js';
import type { Reply } from '../src/render/reply.js';
import { ProfileBuilder } from '../src/render/sections.js';
import { cleanInput, echo, literal } from '../src/render/text.js';

// Queries are cut to this length so the query fits into the page buttons' custom id.
const QUERY_LENGTH = 70;
const HITS = 50;
const ECHO_LENGTH = 100;

const definition = everywhereCommand('search', 'command.search', [textOption('query', 'command.search.option.query', true, false)]);

function hitLine(ctx: CommandContext, hit: SearchHit, profile: ProfileBuilder): string {
  const { kb, language: lang } = ctx;
  const cite = profile.citations.cite(hit.article, hit.paragraph);
  if (hit.kind !== 'quote') return `**${t(lang, `search.kind.${hit.kind}`)}:** ${literal(hit.text)} ${cite}`;
  const quote = hit.article.quotes.find((q) => q.expert === hit.expert && q.paragraph === hit.paragraph);
  const expert = literal(kb.entity(hit.expert ?? '')?.name[lang] ?? hit.expert ?? '');
  // The quote's own rendering marks translations; the hit text is the fallback.
  const text = quote === undefined ? literal(hit.text) : quoteText({ quote, article: hit.article }, lang);
  return `**${t(lang, 'search.kind.quote', { expert })}:** ${text} ${cite}`;
}

function render(ctx: CommandContext, query: string, page: number): Reply {
  const { kb, language: lang } = ctx;
  if (query === '') throw new UserError('search.emptyQuery');
  const ref = { command: definition.name, language: lang, page, state: query };
  // Searching is part of the cached work: a page button does not search again.
  const pages = cachedLayout(kb, ref, () => {
    const hits = kb.search(query, lang, HITS);
    if (hits.length === 0) return undefined;
    const profile = new ProfileBuilder(kb, lang);
    const lines = hits.map((hit) => hitLine(ctx, hit, profile));
    return profile.build({ title: t(lang, 'search.title', { query: echo(query, ECHO_LENGTH) }), description: lines });
  });
  if (pages.count === 0) return { content: t(lang, 'search.empty', { query: echo(query, ECHO_LENGTH) }), ephemeral: true };
  return pageOf(pages, ref);
}

export const search: SlashCommand = {
  definition,

  execute(ctx, options) {
    const { query } = argumentsOf(definition.options, options);
    return render(ctx, cleanInput(query, QUERY_LENGTH), 0);
  },

  page(ctx, state, page) {
    return render(ctx, cleanInput(state, QUERY_LENGTH), page);
  },
};
