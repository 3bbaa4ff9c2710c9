// News items as lines: date, source, title and link, what they are about. Feed text
// is strangers' text: shown literally (markdown escaped, mentions broken), its link
// shown as the address itself in <…> (never a masked link whose words could say
// another address), and cut to bounds so any number of items fits Discord's limits.
import type { Language } from '../i18n/language.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { NewsEntry } from '../knowledge/news-index.js';
import { topicLabel } from '../knowledge/topic-matcher.js';
import { formatDate } from './dates.js';
import { literal, truncate } from './text.js';

const TITLE_LENGTH = 200;
const SOURCE_LENGTH = 60;
/** Longer addresses are left out rather than cut (a cut address leads elsewhere). */
const LINK_LENGTH = 300;
const TOPICS_SHOWN = 4;
const SAFE_LINK = /^https?:\/\/[^\s<>]+$/i;

/** The item's date (the day it was first read, when it gave none) as a data date. */
function dayOf(entry: NewsEntry): string {
  return (entry.item.published ?? new Date(entry.at).toISOString()).slice(0, 10);
}

function sourceOf(entry: NewsEntry): string {
  const { title, host } = entry.item.source;
  const name = truncate(title.trim(), SOURCE_LENGTH);
  if (name === '') return literal(host);
  return host === '' ? literal(name) : `${literal(name)} (${literal(host)})`;
}

/** The link as Discord shows an address without a preview; undefined when it is not a plain http(s) address of sensible length. */
export function shownLink(link: string | undefined): string | undefined {
  return link !== undefined && link.length <= LINK_LENGTH && SAFE_LINK.test(link) ? `<${link}>` : undefined;
}

/** One item in one or two lines: "**7 December 2026** · Source (host) · Topics" and the title with its link. */
export function newsLines(kb: KnowledgeBase, entry: NewsEntry, lang: Language): string {
  const { item } = entry;
  const about = [...item.entities, ...item.topics];
  const topics =
    about.length === 0
      ? ''
      : ` · ${about
          .slice(0, TOPICS_SHOWN)
          .map((id) => literal(topicLabel(kb, id, lang)))
          .join(', ')}${about.length > TOPICS_SHOWN ? ', …' : ''}`;
  const link = shownLink(item.link);
  const title = literal(truncate(item.title.replace(/\s+/g, ' ').trim(), TITLE_LENGTH)) || '…';
  return `**${formatDate(dayOf(entry), lang)}** · ${sourceOf(entry)}${topics}\n${title}${link === undefined ? '' : ` ${link}`}`;
}
