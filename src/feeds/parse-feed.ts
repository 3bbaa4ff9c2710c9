// Feed text (any of RSS 0.9x/2.0, RSS 1.0/RDF, Atom, JSON Feed) → the few
// fields an alert needs, as plain text with absolute links.
//
// feedsmith does the parsing. What it does with hostile XML, checked for
// feedsmith 3.0 / fast-xml-parser 5.11: it runs fast-xml-parser with
// processEntities off, so entities declared in a DTD are never expanded
// (billion laughs stays a few literal "&lol9;"), external entities make it
// throw, and nothing is ever fetched. We still refuse any document whose DTD
// declares entities — no real feed does — so that a change of parser options
// upstream cannot reopen the hole, and we cap the input size.
//
// Truncated documents are rejected (FeedError 'parse') even though the parser
// would return the items before the cut: the last of them may be missing its
// guid or link, which would give it a different identity than on the next,
// complete poll, and so a second alert.
import type { AnyFeed, AtomFeed } from 'feedsmith';
import { DetectError, parseFeed as parseAnyFeed } from 'feedsmith';

import { FeedError, MAX_FEED_BYTES } from './feed-error.js';
import { itemIdentity } from './item-identity.js';
import { resolveLink, toIsoDate } from './link-and-date.js';
import { capText, collapseWhitespace, htmlToText } from './sanitize-text.js';

export interface FeedItem {
  /** Stable within the feed across polls; see item-identity.ts. */
  id: string;
  /** Every key the item can be recognised by, strongest first; `id` is the first. */
  keys: string[];
  /** Changes when title or summary do (an update, not a new item). */
  version: string;
  /** Plain text (HTML reduced, entities decoded), capped. */
  title: string;
  /** Absolute http(s) URL of the article, when the feed gives one. */
  link?: string;
  /** ISO 8601, when the feed gives a date JavaScript can read. */
  published?: string;
  /** Plain text, capped; may be empty. */
  summary: string;
}

export interface ParsedFeed {
  title: string;
  /** The site's address as the feed gives it (absolute http(s)), if any. */
  link?: string;
  /** How many items were left out for having nothing to show (no title, summary or link); absent when none. */
  skipped?: number;
  /** The language tag the feed declares (RSS language, Atom xml:lang, JSON Feed language, RDF dc:language), as written. */
  language?: string;
  items: FeedItem[];
}

export interface ParseFeedOptions {
  /** The URL the feed was fetched from (after redirects): relative links resolve against it. */
  baseUrl?: string;
  /** Longer input is refused; defaults to the fetch cap (a character never takes less than a byte). */
  maxChars?: number;
  maxTitleLength?: number;
  maxSummaryLength?: number;
}

/** What every format's item is reduced to before the common clean-up. */
interface RawItem {
  guid?: string | undefined;
  link?: string | undefined;
  /** Base for `link` when the item sets its own (Atom xml:base). */
  base?: string | undefined;
  title?: Markup | undefined;
  summary?: Markup | undefined;
  date?: string | undefined;
}

/** Text together with whether it is HTML (to reduce) or already plain (to keep, "a < b" included). */
interface Markup {
  value: string;
  html: boolean;
}

// Discord's embed title limit; a summary longer than this says nothing more in an alert.
const DEFAULT_MAX_TITLE = 256;
const DEFAULT_MAX_SUMMARY = 1000;

export function parseFeed(text: string, options: ParseFeedOptions = {}): ParsedFeed {
  const maxChars = options.maxChars ?? MAX_FEED_BYTES;
  if (text.length > maxChars) throw new FeedError('too-large', `feed text is longer than ${maxChars} characters`);
  const document = text.replace(/^\uFEFF/, '').trim();
  const parsed = document.startsWith('{') ? parseJson(document) : parseXml(document);
  return normalise(parsed, options);
}

function parseJson(document: string): AnyFeed {
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch (error) {
    throw new FeedError('parse', `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseWithFeedsmith(value);
}

function parseXml(document: string): AnyFeed {
  const root = findRootElement(document);
  if (root === undefined) throw new FeedError('not-a-feed', 'neither XML nor JSON');
  if (/<!ENTITY/i.test(root.prolog)) {
    throw new FeedError('parse', 'the document declares entities in its DTD; refused (entity expansion attack)');
  }
  const rootName = root.name.toLowerCase();
  if (rootName !== 'rss' && rootName !== 'feed' && !/(^|:)rdf$/.test(rootName)) {
    throw new FeedError('not-a-feed', `the document is <${root.name}>, not a feed`);
  }
  if (!new RegExp(`</${escapeRegExp(root.name)}\\s*>(?:\\s|<!--[\\s\\S]*?-->)*$`).test(document)) {
    throw new FeedError('parse', `the document ends before </${root.name}> (truncated?)`);
  }
  return parseWithFeedsmith(document);
}

function parseWithFeedsmith(value: unknown): AnyFeed {
  try {
    return parseAnyFeed(value);
  } catch (error) {
    if (error instanceof DetectError) throw new FeedError('not-a-feed', 'not a recognised feed format', { cause: error });
    const detail = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new FeedError('parse', `malformed feed${detail}`, { cause: error });
  }
}

/** The first element after the XML declaration, processing instructions, comments and DOCTYPE. */
function findRootElement(document: string): { name: string; prolog: string } | undefined {
  let index = 0;
  for (;;) {
    index = document.indexOf('<', index);
    if (index === -1) return undefined;
    const rest = document.slice(index, index + 10);
    let end: number;
    if (rest.startsWith('<?')) end = document.indexOf('?>', index) + 2;
    else if (rest.startsWith('<!--')) end = document.indexOf('-->', index) + 3;
    else if (/^<!doctype/i.test(rest)) end = doctypeEnd(document, index);
    else {
      const name = /^<([A-Za-z_][\w.:-]*)/.exec(document.slice(index, index + 200))?.[1];
      return name === undefined ? undefined : { name, prolog: document.slice(0, index) };
    }
    if (end <= index) return undefined; // unterminated prolog construct
    index = end;
  }
}

function doctypeEnd(document: string, start: number): number {
  const close = document.indexOf('>', start);
  const subset = document.indexOf('[', start);
  if (subset === -1 || (close !== -1 && close < subset)) return close + 1;
  const subsetClose = /\]\s*>/g;
  subsetClose.lastIndex = subset;
  const match = subsetClose.exec(document);
  return match === null ? -1 : match.index + match[0].length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function normalise(parsed: AnyFeed, options: ParseFeedOptions): ParsedFeed {
  const { title, link: siteLink, language, items } = rawFeed(parsed, options.baseUrl);
  const maxTitle = options.maxTitleLength ?? DEFAULT_MAX_TITLE;
  const maxSummary = options.maxSummaryLength ?? DEFAULT_MAX_SUMMARY;
  const seen = new Set<string>();
  const result: FeedItem[] = [];
  let skipped = 0;
  for (const raw of items) {
    const link = resolveLink(raw.link, raw.base ?? options.baseUrl);
    const summary = toText(raw.summary);
    const title = toText(raw.title) || summary || link || '';
    // Nothing to alert or to list: an empty line in a channel or in /news helps no one.
    if (title === '') {
      skipped += 1;
      continue;
    }
    const shown = { title: capText(title, maxTitle), summary: capText(summary, maxSummary) };
    const { id, keys, version } = itemIdentity({ guid: raw.guid, link, date: raw.date, ...shown });
    // A feed listing the same guid twice means one article; the first entry wins.
    if (seen.has(id)) continue;
    seen.add(id);
    const item: FeedItem = { id, keys, version, ...shown };
    if (link !== undefined) item.link = link;
    const published = toIsoDate(raw.date);
    if (published !== undefined) item.published = published;
    result.push(item);
  }
  const feed: ParsedFeed = { title: capText(toText(title), maxTitle), items: result };
  const site = resolveLink(siteLink, options.baseUrl);
  if (site !== undefined) feed.link = site;
  if (skipped > 0) feed.skipped = skipped;
  const declared = language?.trim().slice(0, 35);
  if (declared) feed.language = declared;
  return feed;
}

function rawFeed(
  parsed: AnyFeed,
  baseUrl: string | undefined,
): { title: Markup | undefined; link: string | undefined; language?: string | undefined; items: RawItem[] } {
  switch (parsed.format) {
    case 'rss':
      return {
        title: html(parsed.feed.title),
        link: parsed.feed.link,
        language: parsed.feed.language,
        items: (parsed.feed.items ?? []).map((item) => ({
          guid: item.guid?.value,
          // A guid is a permalink unless it says otherwise (RSS 2.0), but many are not URLs at all.
          link: item.link ?? (item.guid?.isPermaLink !== false && isHttpUrl(item.guid?.value) ? item.guid?.value : undefined),
          title: html(item.title),
          summary: html(item.description ?? item.content?.encoded),
          date: item.pubDate ?? item.dc?.dates?.[0],
        })),
      };
    case 'rdf':
      return {
        title: html(parsed.feed.title),
        link: parsed.feed.link,
        language: parsed.feed.dc?.languages?.[0],
        items: (parsed.feed.items ?? []).map((item) => ({
          guid: item.rdf?.about,
          link: item.link,
          title: html(item.title),
          summary: html(item.description ?? item.content?.encoded),
          date: item.dc?.dates?.[0],
        })),
      };
    case 'atom': {
      const feedBase = resolveLink(parsed.feed.xml?.base, baseUrl) ?? baseUrl;
      return {
        title: atomText(parsed.feed.title),
        link: alternateLink(parsed.feed.links),
        language: parsed.feed.xml?.lang,
        items: (parsed.feed.entries ?? []).map((entry) => ({
          guid: entry.id,
          link: alternateLink(entry.links),
          base: resolveLink(entry.xml?.base, feedBase) ?? feedBase,
          title: atomText(entry.title),
          summary: atomText(entry.summary ?? entry.content),
          date: entry.published ?? entry.updated,
        })),
      };
    }
    case 'json':
      return {
        title: plain(parsed.feed.title),
        link: parsed.feed.home_page_url,
        language: parsed.feed.language,
        items: (parsed.feed.items ?? []).map((item) => ({
          guid: item.id,
          link: item.url ?? item.external_url,
          title: plain(item.title),
          summary: plain(item.summary) ?? plain(item.content_text) ?? html(item.content_html),
          date: item.date_published ?? item.date_modified,
        })),
      };
  }
}

function html(value: string | undefined): Markup | undefined {
  return value === undefined ? undefined : { value, html: true };
}

function plain(value: string | undefined): Markup | undefined {
  return value === undefined ? undefined : { value, html: false };
}

/** Atom says how to read each text: type="text" (the default) is plain, "html" and "xhtml" are markup. */
function atomText(text: { value?: string | undefined; type?: string | undefined } | undefined): Markup | undefined {
  if (text?.value === undefined) return undefined;
  return { value: text.value, html: text.type === 'html' || text.type === 'xhtml' };
}

function alternateLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((link) => link.rel === undefined || link.rel === 'alternate');
  return (alternates.find((link) => link.type === undefined || link.type.includes('html')) ?? alternates[0])?.href;
}

function toText(markup: Markup | undefined): string {
  if (markup === undefined) return '';
  return markup.html ? htmlToText(markup.value) : collapseWhitespace(markup.value);
}

function isHttpUrl(value: string | undefined): boolean {
  return value !== undefined && /^https?:\/\//i.test(value);
}
