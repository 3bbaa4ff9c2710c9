// Feed items become news items: every item of every fetch the poller (or `lagebild feed
// ingest`) reads is written to the store with what it is about, so any process answers
// from it. The same item (item-identity.ts) is one record whatever its feed does to it;
// a changed title or summary rewrites that record (the poller does not alert it again).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import { feedKey } from '../alerts/publication.js';
import type { FeedItem } from '../feeds/parse-feed.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { NewsItem } from '../knowledge/news-index.js';
import { topicMatcherFor } from '../knowledge/topic-matcher.js';
import type { NewsWrite, NewsWriteOutcome, Store } from '../store/store.js';
import { declaredLanguage, detectLanguage } from './detect-language.js';

export interface NewsSettings {
  /** Items dated (or first read) longer ago are not kept. */
  retentionMs: number;
  /** Each feed keeps at most this many items, the latest. */
  maxPerFeed: number;
}

/** The news settings (LAGEBILD_NEWS_*) as storeNews takes them, for the poller and `feed ingest` alike. */
export function newsSettingsOf(news: { retentionDays: number; maxPerFeed: number }): NewsSettings {
  return { retentionMs: news.retentionDays * DAY_MS, maxPerFeed: news.maxPerFeed };
}

/** The feed the items come from. */
export interface NewsFeed {
  url: string;
  title: string;
  language?: string | undefined;
  /** The site's address the feed gives: its host names the source when the feed's own address has none (a file). */
  link?: string | undefined;
}

/** One feed item as a news item, and what became of it: written or already so (the store's outcomes), or not kept for being older than the retention. */
export interface StoredNews {
  item: NewsItem;
  outcome: NewsWriteOutcome | 'expired';
}

/** Items written to the store per call: a big feed's first read does not hold the store, or this thread, for long. */
const BATCH = 500;
/** Dates a feed gives outside these years are placeholders or mistakes: the item counts as undated (as in alerts). */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10_000, 0, 1);
const DAY_MS = 24 * 60 * 60_000;
/** A date further ahead than this is a feed's mistake (a wrong year), not a time zone's: the item counts as undated. */
const FUTURE_SLACK_MS = DAY_MS;

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : '';
}

/** The entities and topics a news item's title and summary name, each list sorted. */
export function matchesOf(kb: KnowledgeBase, text: { title: string; summary: string }): Pick<NewsItem, 'entities' | 'topics'> {
  const matched = topicMatcherFor(kb).topicsOf({ title: text.title, summary: text.summary, declaredTopics: [] });
  return { entities: matched.filter((id) => kb.topic(id) === undefined), topics: matched.filter((id) => kb.topic(id) !== undefined) };
}

/** The news item a feed item becomes, read at `now`: its text as read, what it names, its language. */
export function newsItemOf(feed: NewsFeed, item: FeedItem, kb: KnowledgeBase, now: number): NewsItem {
  const time = item.published === undefined ? Number.NaN : Date.parse(item.published);
  const dated = time >= EARLIEST && time < LATEST && time <= now + FUTURE_SLACK_MS;
  return {
    id: `${feedKey(feed.url)}:${item.id}`,
    title: item.title,
    summary: item.summary,
    ...(item.link === undefined ? {} : { link: item.link }),
    ...(dated ? { published: new Date(time).toISOString() } : {}),
    source: { title: feed.title, host: hostOf(feed.url) || (feed.link === undefined ? '' : hostOf(feed.link)) },
    language: declaredLanguage(feed.language) ?? detectLanguage(`${item.title} ${item.summary}`) ?? 'und',
    ...matchesOf(kb, item),
  };
}

/** Writes the items of one fetch as news items; one result per item, in order. */
export async function storeNews(
  store: Store,
  kb: KnowledgeBase,
  feed: NewsFeed,
  items: readonly FeedItem[],
  settings: NewsSettings,
  now = Date.now(),
): Promise<StoredNews[]> {
  const retainAfter = now - settings.retentionMs;
  const results: StoredNews[] = [];
  for (let start = 0; start < items.length; start += BATCH) {
    if (start > 0) await yieldToEventLoop();
    const writes: NewsWrite[] = [];
    const kept: number[] = [];
    for (const [offset, item] of items.slice(start, start + BATCH).entries()) {
      const news = newsItemOf(feed, item, kb, now);
      const time = news.published === undefined ? now : Date.parse(news.published);
      // An item dated ahead of now would head every list until that time: it is placed, and
      // expires, as of when it was first read (undated, so the store keeps that time).
      const dated = news.published !== undefined && time <= now;
      const at = Math.min(time, now);
      results.push({ item: news, outcome: 'expired' });
      if (at < retainAfter) continue;
      kept.push(start + offset);
      writes.push({ id: news.id, feed: feedKey(feed.url), at, dated, item: JSON.stringify(news) });
    }
    const written = await store.putNews(writes, { retainAfter, maxPerFeed: settings.maxPerFeed });
    written.forEach((outcome, i) => (results[kept[i]!]!.outcome = outcome));
  }
  return results;
}
