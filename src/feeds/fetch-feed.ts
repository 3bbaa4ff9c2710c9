// Downloads a feed with the safeguards a poller that runs unattended needs:
// a deadline for the whole exchange, a byte cap enforced while streaming (so a
// huge or endless body, or a decompression bomb, never sits in memory),
// redirects counted by hand, and conditional GET so unchanged feeds cost a 304.
// Every URL of the redirect chain, and every address a name resolves to, passes
// the checks of feed-target.ts: undici's own fetch with an Agent whose sockets
// resolve names through them.
import { Agent, fetch, type Response } from 'undici';

import { FeedError, MAX_FEED_BYTES } from './feed-error.js';
import { type FeedTargetPolicy, feedTargetPolicy, type LookupFunction, withoutCredentials } from './feed-target.js';

export interface FetchFeedOptions {
  /** From the previous 200 response; sent as If-None-Match. */
  etag?: string | undefined;
  /** From the previous 200 response; sent as If-Modified-Since. */
  lastModified?: string | undefined;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent: string;
  /** LAGEBILD_FEEDS_ALLOW_PRIVATE: let redirects and DNS answers lead to internal addresses too. Default false. */
  allowPrivate?: boolean | undefined;
  /** Name resolution (default: the system's, dns.lookup); tests pass their own. */
  lookup?: LookupFunction | undefined;
}

export type FetchFeedResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      bytes: Uint8Array;
      contentType: string | undefined;
      etag: string | undefined;
      lastModified: string | undefined;
      /** The URL after redirects: relative links in the feed resolve against it. */
      finalUrl: string;
    };

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchFeedResult> {
  const { timeoutMs = 10_000, maxBytes = MAX_FEED_BYTES, maxRedirects = 5 } = options;
  const start = httpUrl(url);
  const shown = withoutCredentials(start);
  const policy = feedTargetPolicy(start, { allowPrivate: options.allowPrivate ?? false, lookup: options.lookup });
  // One agent per fetch: its connections resolve names through this fetch's policy only.
  const agent = new Agent({ connect: { lookup: policy.lookup } });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetchWithin(start, options, { maxBytes, maxRedirects, signal: controller.signal, agent, policy });
  } catch (error) {
    if (error instanceof FeedError) throw error;
    // A refusal from the lookup arrives as the cause of undici's "fetch failed".
    if (error instanceof Error && error.cause instanceof FeedError) throw error.cause;
    if (controller.signal.aborted) {
      throw new FeedError('timeout', `no complete response from ${shown} within ${timeoutMs} ms`, { cause: error });
    }
    throw new FeedError('network', `request to ${shown} failed: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    // Everything was read or abandoned by now: no connection of this fetch outlives it.
    void agent.destroy().catch(() => undefined);
  }
}

interface FetchLimits {
  maxBytes: number;
  maxRedirects: number;
  signal: AbortSignal;
  agent: Agent;
  policy: FeedTargetPolicy;
}

async function fetchWithin(start: URL, options: FetchFeedOptions, limits: FetchLimits): Promise<FetchFeedResult> {
  const { maxBytes, maxRedirects, signal, agent, policy } = limits;
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ACCEPT };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  let url = start;
  for (let redirects = 0; ; redirects++) {
    policy.beforeRequest(url);
    const response = await fetch(url, { headers, redirect: 'manual', signal, dispatcher: agent });
    const location = response.headers.get('location');
    if (REDIRECT_STATUSES.has(response.status) && location !== null) {
      await response.body?.cancel();
      if (redirects >= maxRedirects) {
        throw new FeedError('too-many-redirects', `more than ${maxRedirects} redirects from ${withoutCredentials(start)}`);
      }
      url = httpUrl(location, url);
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedError('http-status', `${url.href} answered HTTP ${response.status}`, { status: response.status });
    }
    return {
      status: 'ok',
      bytes: await readCapped(response, maxBytes, url),
      contentType: response.headers.get('content-type') ?? undefined,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
      finalUrl: url.href,
    };
  }
}

/** Parses and checks a URL: feeds (and their redirects) may only use http or https. */
function httpUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (error) {
    throw new FeedError('invalid-url', `not a valid URL: ${hideUserInfo(raw)}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError('invalid-url', `only http and https feeds are supported, got ${url.protocol} (${hideUserInfo(raw)})`);
  }
  return url;
}

/** A URL that did not parse, shown without anything that looks like `user:password@`. */
function hideUserInfo(raw: string): string {
  return raw.replace(/\/\/[^/?#]*@/, '//');
}

async function readCapped(response: Response, maxBytes: number, url: URL): Promise<Uint8Array> {
  const tooLarge = () => new FeedError('too-large', `${url.href} is larger than ${maxBytes} bytes`);
  // Content-Length saves downloading an announced oversize body; the stream count
  // below is the real guard (it counts decompressed bytes, and servers may lie).
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici hides the useful part (ECONNREFUSED, ENOTFOUND, ...) in the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
