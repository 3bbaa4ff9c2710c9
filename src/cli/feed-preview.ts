// `lagebild feed preview URL|FILE [--json] [--data DIR]` (and `feed ingest`, feed-ingest.ts): reads a feed the way
// the poller does (same fetch limits, decoding and parsing) and shows, per item,
// the topics an alert would be sent for — to try a feed before configuring it.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { feedPublication } from '../alerts/feed-publications.js';
import { ConfigError, loadFeedTargetSettings, loadStoreSettings } from '../config/config.js';
import { decodeFeed } from '../feeds/decode-feed.js';
import { FeedError } from '../feeds/feed-error.js';
import { fetchFeed } from '../feeds/fetch-feed.js';
import { type ParsedFeed, parseFeed } from '../feeds/parse-feed.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { topicLabel, topicMatcherFor } from '../knowledge/topic-matcher.js';
import { parseStrict } from './arguments.js';
import { ingestFeed, type IngestResult } from './feed-ingest.js';
import { type CliSubcommand, fromEnvironment, type Io } from './io.js';
import { loadKnowledge } from './knowledge.js';
import { openSettingsStore } from './news.js';
import { UsageError } from './usage.js';

const USER_AGENT = 'Lagebild (feed preview)';

/** A source with a scheme is fetched (fetchFeed refuses all but http and https); anything else is a file. */
const isUrl = (source: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

/** The feed; rejects with a FeedError, or the file system's error for a file. */
async function readFeed(source: string): Promise<{ feed: ParsedFeed; feedUrl: string }> {
  if (isUrl(source)) {
    // The bot's rules: no credentials, no redirect or DNS answer to an internal address unless allowed.
    const response = await fetchFeed(source, { userAgent: USER_AGENT, allowPrivate: loadFeedTargetSettings().allowPrivate });
    // No validators are sent, so a 304 would be the server's mistake.
    if (response.status !== 'ok')
      throw new FeedError('http-status', `${source} answered 304 Not Modified to an unconditional request`, { status: 304 });
    const { text } = decodeFeed(response.bytes, response.contentType);
    return { feed: parseFeed(text, { baseUrl: response.finalUrl }), feedUrl: source };
  }
  const bytes = await readFile(source);
  return { feed: parseFeed(decodeFeed(bytes).text), feedUrl: pathToFileURL(source).href };
}

interface PreviewItem {
  id: string;
  title: string;
  link: string | null;
  published: string | null;
  topics: string[];
}

function preview(feed: ParsedFeed, feedUrl: string, kb: KnowledgeBase): PreviewItem[] {
  const matcher = topicMatcherFor(kb);
  return feed.items.map((item) => ({
    id: item.id,
    title: item.title,
    link: item.link ?? null,
    published: item.published ?? null,
    // The publication the poller would publish, matched as the publisher matches it.
    topics: matcher.topicsOf(feedPublication({ feedUrl, feedTitle: feed.title, item })),
  }));
}

function printItems(title: string, items: readonly PreviewItem[], kb: KnowledgeBase): string {
  const lines = [`${title || '(untitled feed)'}: ${items.length} item(s)`];
  for (const item of items) {
    lines.push('', item.title || '(untitled)');
    if (item.link !== null) lines.push(`  ${item.link}`);
    if (item.published !== null) lines.push(`  published ${item.published}`);
    lines.push(
      `  topics: ${item.topics.length === 0 ? 'none (no alert)' : item.topics.map((id) => `${id} (${topicLabel(kb, id, 'en')})`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

function printIngested(title: string, result: IngestResult): string {
  const fresh = result.items.filter((item) => item.new).length;
  const stored = result.items.filter((item) => item.stored).length;
  const lines = [
    `${title || '(untitled feed)'}: ${result.items.length} item(s) read, ${fresh} not seen before, ${stored} stored as news (the others are older than the news retention)`,
  ];
  if (result.skipped > 0) lines.push(`${result.skipped} item(s) had no title, summary or link and were left out.`);
  lines.push(
    result.primed
      ? 'First sight of this feed: its items were recorded without alerting; later ingests and polls alert new items.'
      : `${result.alerted} new item(s) published as alerts (a running bot sends them to subscribed channels).`,
  );
  for (const item of result.items) {
    lines.push('', `${item.new ? '[new] ' : ''}${item.stored ? '' : '[not stored] '}${item.title}`);
    if (item.link !== null) lines.push(`  ${item.link}`);
    if (item.published !== null) lines.push(`  published ${item.published}`);
    lines.push(`  topics: ${item.topics.length === 0 ? 'none' : item.topics.join(', ')}`);
  }
  return lines.join('\n');
}

/** `feed ingest`: the feed into the configured store, as the poller would read it. */
async function ingest(read: { feed: ParsedFeed; feedUrl: string }, data: string | undefined, json: boolean, io: Io): Promise<number> {
  const settings = fromEnvironment(loadStoreSettings, io);
  if (settings === undefined) return 1;
  const kb = await loadKnowledge(data);
  const store = await openSettingsStore(settings);
  try {
    const result = await ingestFeed(store, kb, settings, read.feedUrl, read.feed);
    io.out(`${json ? JSON.stringify({ items: result.items }) : printIngested(read.feed.title, result)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

const ACTIONS = ['preview', 'ingest'];

export const feed: CliSubcommand = {
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { json: { type: 'boolean' }, data: { type: 'string' } });
    const [action, source, ...rest] = positionals;
    if (action === undefined || !ACTIONS.includes(action))
      throw new UsageError(action === undefined ? 'feed needs an action: feed preview|ingest URL|FILE' : `unknown feed action "${action}"`);
    if (source === undefined || rest.length > 0) throw new UsageError(`feed ${action} takes exactly one URL or file`);
    let read: Awaited<ReturnType<typeof readFeed>>;
    try {
      read = await readFeed(source);
    } catch (error) {
      // One line, whatever failed: a feed's faults are its publisher's, not a trace for us.
      const reason = error instanceof ConfigError ? error.problems.join(' ') : error instanceof Error ? error.message : String(error);
      io.err(`lagebild: the feed cannot be used: ${reason.replace(/\s+/g, ' ')}\n`);
      return 1;
    }
    if (action === 'ingest') return ingest(read, values.data, values.json === true, io);
    const kb = await loadKnowledge(values.data);
    const items = preview(read.feed, read.feedUrl, kb);
    io.out(`${values.json === true ? JSON.stringify({ items }) : printItems(read.feed.title, items, kb)}\n`);
    return 0;
  },
};
