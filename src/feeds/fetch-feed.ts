// Downloads a feed with the safeguards a poller that runs unattended needs:
// a deadline for the whole exchange, a byte cap enforced while streaming (so a
// huge or endless body, or a decompression bomb, never sits in memory),
// redirects counted by hand, and conditional GET so unchanged feeds cost a 304.
import { FeedError, MAX_FEED_BYTES } from './feed-error.js';

export interface FetchFeedOptions {
  /** From the previous 200 response; sent as If-None-Match. */
  etag?: string | undefined;
  /** From the previous 200 response; sent as If-Modified-Since. */
  lastModified?: string | undefined;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent: string;
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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetchWithin(url, options, maxBytes, maxRedirects, controller.signal);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (controller.signal.aborted) {
      throw new FeedError('timeout', `no complete response from ${url} within ${timeoutMs} ms`, { cause: error });
    }
    throw new FeedError('network', `request to ${url} failed: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function fetchWithin(
  startUrl: string,
  options: FetchFeedOptions,
  maxBytes: number,
  maxRedirects: number,
  signal: AbortSignal,
): Promise<FetchFeedResult> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ACCEPT };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  let url = httpUrl(startUrl);
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(url, { headers, redirect: 'manual', signal });
    const location = response.headers.get('location');
    if (REDIRECT_STATUSES.has(response.status) && location !== null) {
      await response.body?.cancel();
      if (redirects >= maxRedirects) {
        throw new FeedError('too-many-redirects', `more than ${maxRedirects} redirects from ${startUrl}`);
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
      throw new FeedError('http-status', `${url} answered HTTP ${response.status}`, { status: response.status });
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
    throw new FeedError('invalid-url', `not a valid URL: ${raw}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError('invalid-url', `only http and https feeds are supported, got ${url.protocol} (${raw})`);
  }
  return url;
}

async function readCapped(response: Response, maxBytes: number, url: URL): Promise<Uint8Array> {
  const tooLarge = () => new FeedError('too-large', `${url} is larger than ${maxBytes} bytes`);
  // Content-Length saves downloading an announced oversize body; the stream count
  // below is the real guard (it counts decompressed bytes, and servers may lie).
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
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
