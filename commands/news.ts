// /news [topic] — the latest news items the bot has read (from the operator's feeds),
// all of them or those about one topic, alliance, country or person, newest first.
// Paged by cursor: a button names the item at the edge of the page it leaves, so a
// press after new items arrived shows the items next to it, none twice, none skipped.
import { type APIActionRowComponent, type APIButtonComponentWithCustomId, ButtonStyle, ComponentType } from 'discord-api-types/v10';

import type { Language } from '../src/i18n/language.js';
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { everywhereCommand, textOption } from '../src/interactions/definition.js';
import { argumentsOf } from '../src/interactions/options.js';
import { findTopicFilter, type TopicFilter, topicFilterById } from '../src/interactions/topic-filter.js';
import { UserError } from '../src/interactions/user-error.js';
import { TOPIC_KINDS } from '../src/knowledge/knowledge-base.js';
import { EMPTY_NEWS, type NewsCursor, type NewsEntry } from '../src/knowledge/news-index.js';
import { LIMITS } from '../src/render/discord-limits.js';
import { newsLines } from '../src/render/news.js';
import { notFoundReply } from '../src/render/not-found.js';
import { encodePageId } from '../src/render/paging.js';
import type { Reply } from '../src/render/reply.js';
import { suggestAcross, toChoices } from '../src/render/suggestions.js';
import { literal } from '../src/render/text.js';

const definition = everywhereCommand('news', 'command.news', [textOption('topic', 'command.news.option.topic', false)]);

/** Items per page at most; fewer when long lines fill the description first. */
const PER_PAGE = 8;
/** Room kept in the description below Discord's 4096. */
const DESCRIPTION_ROOM = 3900;
/** Page numbers fit the page reference's four digits. */
const LAST_PAGE = 9999;

/** Which way a button goes from its cursor: to older items or to newer ones. */
type Direction = 'o' | 'n';

interface PageState {
  direction: Direction;
  cursor: NewsCursor;
  /** The topic or entity id; '' for all news. */
  about: string;
}

/** `<direction><time in base 36>.<key>.<id>`: the id goes last, it may hold anything but is short. */
function encodeState({ direction, cursor, about }: PageState): string {
  return `${direction}${cursor.at.toString(36)}.${cursor.key}.${about}`;
}

function decodeState(state: string): PageState | undefined {
  const match = /^([on])([0-9a-z]{1,12})\.([\w-]{12})\.([\s\S]*)$/.exec(state);
  if (match === null) return undefined;
  const [, direction = 'o', at = '', key = '', about = ''] = match;
  return { direction: direction as Direction, cursor: { at: parseInt(at, 36), key }, about };
}

function button(lang: Language, page: number, state: PageState, label: string, disabled: boolean): APIButtonComponentWithCustomId {
  const custom_id = encodePageId({ command: definition.name, language: lang, page, state: encodeState(state) });
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id, disabled };
}

/** The items that fit one page, in order. */
function fitting(ctx: CommandContext, entries: readonly NewsEntry[]): { shown: NewsEntry[]; lines: string[] } {
  const shown: NewsEntry[] = [];
  const lines: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const line = newsLines(ctx.kb, entry, ctx.language);
    if (shown.length > 0 && length + line.length + 2 > DESCRIPTION_ROOM) break;
    shown.push(entry);
    lines.push(line);
    length += line.length + 2;
  }
  return { shown, lines };
}

function render(ctx: CommandContext, filter: TopicFilter, page: number, from?: { direction: Direction; cursor: NewsCursor }): Reply {
  const { language: lang } = ctx;
  const news = ctx.news ?? EMPTY_NEWS;
  const about = filter.record?.id;
  const name = filter.record === undefined ? undefined : literal(filter.record.name[lang]);
  let candidates =
    from === undefined
      ? news.older(about, undefined, PER_PAGE)
      : from.direction === 'o'
        ? news.older(about, from.cursor, PER_PAGE)
        : news.newer(about, from.cursor, PER_PAGE);
  // Back at the newest items (or past them): the first page.
  if (from?.direction === 'n' && candidates.length < PER_PAGE) {
    candidates = news.older(about, undefined, PER_PAGE);
    page = 0;
  }
  const { shown, lines } = fitting(ctx, candidates);
  const first = shown[0];
  const last = shown.at(-1);
  if (first === undefined || last === undefined) {
    return { content: name === undefined ? t(lang, 'news.empty') : t(lang, 'news.emptyFor', { topic: name }), ephemeral: true };
  }
  const title = name === undefined ? t(lang, 'news.title') : t(lang, 'news.titleFor', { topic: name });
  const hasNewer = news.newer(about, first, 1).length > 0;
  const hasOlder = news.older(about, last, 1).length > 0;
  const reply: Reply = {
    embeds: [{ title, description: lines.join('\n\n'), footer: { text: `${t(lang, 'news.footer')} · ${t(lang, 'footer.brand')}` } }],
    components: [],
  };
  if (!hasNewer && !hasOlder) return reply;
  const row: APIActionRowComponent<APIButtonComponentWithCustomId> = {
    type: ComponentType.ActionRow,
    components: [
      button(lang, Math.max(0, page - 1), { direction: 'n', cursor: first, about: about ?? '' }, t(lang, 'news.newer'), !hasNewer),
      button(lang, Math.min(LAST_PAGE, page + 1), { direction: 'o', cursor: last, about: about ?? '' }, t(lang, 'news.older'), !hasOlder),
    ],
  };
  // An id too long for a custom id: the first page without buttons rather than no answer.
  const fits = row.components.every((b) => b.custom_id.length <= LIMITS.customId);
  return fits ? { ...reply, components: [row] } : reply;
}

export const news: SlashCommand = {
  definition,

  execute(ctx, options) {
    const { topic = '' } = argumentsOf(definition.options, options);
    const filter = findTopicFilter(ctx.kb, topic);
    if (filter === undefined) return notFoundReply(ctx.kb, ctx.language, TOPIC_KINDS, 'notFound.topic', topic);
    return render(ctx, filter, 0);
  },

  autocomplete(ctx, focused) {
    return toChoices(suggestAcross(ctx.kb, TOPIC_KINDS, focused.value, ctx.language, LIMITS.choices));
  },

  page(ctx, state, page) {
    const decoded = decodeState(state);
    const filter = decoded === undefined ? undefined : decoded.about === '' ? {} : topicFilterById(ctx.kb, decoded.about);
    if (decoded === undefined || filter === undefined) throw new UserError('page.expired');
    return render(ctx, filter, page, decoded);
  },
};
