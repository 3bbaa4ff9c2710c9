// /search query — full text over summaries, key points and expert quotes, then news items.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { everywhereCommand, textOption } from '../src/interactions/definition.js';
import { argumentsOf } from '../src/interactions/options.js';
import { UserError } from '../src/interactions/user-error.js';
import type { SearchHit } from '../src/knowledge/knowledge-base.js';
import { EMPTY_NEWS } from '../src/knowledge/news-index.js';
import { cachedLayout, pageOf } from '../src/render/paging.js';
import { quoteLines, quoteText } from '../src/render/quotes.js';
import type { Reply } from '../src/render/reply.js';
import { ProfileBuilder } from '../src/render/sections.js';
import { cleanInput, echo, literal } from '../src/render/text.js';

// Queries are cut to this length so the query fits into the page buttons' custom id.
const QUERY_LENGTH = 70;
const HITS = 50;
/** News items a search shows, newest first after the curated hits. */
const NEWS_HITS = 10;
const ECHO_LENGTH = 100;
// A query goes into the page buttons' custom id: an "@" there is followed by a zero-width
// space, so no mention (`<@id>`, `@everyone`) ever stands in a payload. Search matches words
// only, and the echo escapes mentions the same way, so results and the title stay the same.
const BARE_AT = /@(?!\u200b)/g;

function buttonState(query: string): string {
  const state = query.replace(BARE_AT, '@\u200b').slice(0, QUERY_LENGTH);
  // Never end on half of a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(state) ? state.slice(0, -1) : state;
}

const definition = everywhereCommand('search', 'command.search', [textOption('query', 'command.search.option.query', true, false)]);

/**
 * One hit, its lines kept together on a page: the record that matched in the reader's
 * language (a quote as every command shows it, with what its speaker meant where the
 * printed wording garbles it), then the wording that matched when it is the other language's.
 */
function hitLines(ctx: CommandContext, hit: SearchHit, profile: ProfileBuilder): string {
  const { kb, language: lang } = ctx;
  const lines: string[] = [];
  let matched: string;
  if (hit.kind === 'quote') {
    const ref = { quote: hit.quote, article: hit.article };
    const expert = literal(kb.entity(hit.quote.expert)?.name[lang] ?? hit.quote.expert);
    const [first = '', ...more] = quoteLines(kb, ref, lang, profile.citations, 'article');
    lines.push(`**${t(lang, 'search.kind.quote', { expert })}:** ${first}`, ...more);
    matched = quoteText(ref, hit.language);
  } else {
    // Every paragraph the point draws on, as every command cites it.
    const cite = profile.citations.citePoint(hit.article, hit.point);
    lines.push(`**${t(lang, `search.kind.${hit.kind}`)}:** ${literal(hit.point.text[lang])} ${cite}`);
    matched = literal(hit.text);
  }
  if (hit.language !== lang) lines.push(`↳ ${hit.language.toUpperCase()}: ${matched}`);
  return lines.join('\n');
}

function render(ctx: CommandContext, query: string, page: number): Reply {
  const { kb, language: lang } = ctx;
  if (query === '') throw new UserError('search.emptyQuery');
  const ref = { command: definition.name, language: lang, page, state: buttonState(query) };
  const news = ctx.news ?? EMPTY_NEWS;
  // Searching is part of the cached work: a page button does not search again. New news items make a new search.
  const pages = cachedLayout(
    kb,
    ref,
    () => {
      const hits = kb.search(query, lang, HITS);
      // Feed items come after every curated hit, in a section of their own: they are not what the articles say.
      const newsHits = news.search(query, NEWS_HITS);
      if (hits.length === 0 && newsHits.length === 0) return undefined;
      const profile = new ProfileBuilder(kb, lang);
      const lines = hits.map((hit) => hitLines(ctx, hit, profile));
      profile.news(newsHits, 'label.newsFound');
      return profile.build({ title: t(lang, 'search.title', { query: echo(query, ECHO_LENGTH) }), description: lines });
    },
    `news${news.version}`,
  );
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
