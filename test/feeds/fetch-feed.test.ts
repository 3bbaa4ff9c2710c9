import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FeedError } from '../../src/feeds/feed-error.js';
import type { FetchFeedOptions } from '../../src/feeds/fetch-feed.js';
import { fetchFeed } from '../../src/feeds/fetch-feed.js';
import { rejection } from '../support/rejection.js';
import type { TestServer } from './feed-test-server.js';
import { fixture, serve, startTestServer } from './feed-test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const userAgent = 'lagebild-test/1.0 (+https://example.invalid/bot)';

async function fetchError(url: string, options: Partial<FetchFeedOptions> = {}): Promise<FeedError> {
  const error = await rejection(fetchFeed(url, { userAgent, ...options }));
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('fetchFeed', () => {
  it('returns the bytes, validators and content type, and sends a user agent and Accept', async () => {
    const body = fixture('rss2-sicherheit.xml');
    server.route(
      '/ok.rss',
      serve(body, 'application/rss+xml; charset=utf-8', {
        etag: '"v1"',
        'last-modified': 'Mon, 17 Jun 2024 07:00:00 GMT',
      }),
    );
    const result = await fetchFeed(server.url('/ok.rss'), { userAgent });
    expect(result).toMatchObject({
      status: 'ok',
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Mon, 17 Jun 2024 07:00:00 GMT',
      finalUrl: server.url('/ok.rss'),
    });
    expect(result.status === 'ok' && Buffer.from(result.bytes).equals(body)).toBe(true);
    const sent = server.requests.findLast((request) => request.path === '/ok.rss')!;
    expect(sent.headers['user-agent']).toBe(userAgent);
    expect(sent.headers.accept).toContain('application/rss+xml');
    expect(sent.headers['if-none-match']).toBeUndefined();
  });

  it('sends If-None-Match and If-Modified-Since and reports 304 as not-modified', async () => {
    server.route('/conditional.rss', (request, response) => {
      if (request.headers['if-none-match'] === '"v7"') response.writeHead(304).end();
      else response.writeHead(200, { etag: '"v7"' }).end(fixture('rss2-sicherheit.xml'));
    });
    const result = await fetchFeed(server.url('/conditional.rss'), {
      userAgent,
      etag: '"v7"',
      lastModified: 'Tue, 18 Jun 2024 10:00:00 GMT',
    });
    expect(result).toEqual({ status: 'not-modified' });
    const sent = server.requests.findLast((request) => request.path === '/conditional.rss')!;
    expect(sent.headers['if-none-match']).toBe('"v7"');
    expect(sent.headers['if-modified-since']).toBe('Tue, 18 Jun 2024 10:00:00 GMT');
  });

  it('follows redirects (relative Location too) and reports the final URL', async () => {
    server.route('/old-feed', (_request, response) => response.writeHead(301, { location: '/moved-feed' }).end());
    server.route('/moved-feed', (_request, response) => response.writeHead(302, { location: server.url('/final-feed') }).end());
    server.route('/final-feed', serve(fixture('atom-osce.xml'), 'application/atom+xml'));
    const result = await fetchFeed(server.url('/old-feed'), { userAgent });
    expect(result.status === 'ok' && result.finalUrl).toBe(server.url('/final-feed'));
  });

  it('stops after maxRedirects', async () => {
    for (let hop = 0; hop < 5; hop++) {
      server.route(`/loop-${hop}`, (_request, response) => response.writeHead(307, { location: `/loop-${hop + 1}` }).end());
    }
    server.route('/loop-5', serve(fixture('atom-osce.xml'), 'application/atom+xml'));
    // Five redirects are allowed by default; three are not enough.
    await expect(fetchFeed(server.url('/loop-0'), { userAgent })).resolves.toMatchObject({ status: 'ok' });
    expect((await fetchError(server.url('/loop-0'), { maxRedirects: 3 })).kind).toBe('too-many-redirects');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    server.route('/to-file', (_request, response) => response.writeHead(302, { location: 'file:///etc/passwd' }).end());
    expect((await fetchError(server.url('/to-file'))).kind).toBe('invalid-url');
  });

  it('aborts when the server does not answer in time', async () => {
    server.route('/slow', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0">');
      // ... and never finishes the body.
    });
    const started = performance.now();
    const error = await fetchError(server.url('/slow'), { timeoutMs: 200 });
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses an announced oversize body and stops reading an unannounced one at the cap', async () => {
    const big = Buffer.alloc(64 * 1024, 'a');
    server.route('/big-announced', serve(big, 'application/rss+xml'));
    expect((await fetchError(server.url('/big-announced'), { maxBytes: 16 * 1024 })).kind).toBe('too-large');

    // Chunked (no Content-Length), endless unless the client hangs up.
    let clientHungUp = false;
    server.route('/big-stream', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(8 * 1024, 'b');
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
      };
      response.on('drain', pump);
      response.on('close', () => {
        clientHungUp = !response.writableEnded;
      });
      pump();
    });
    expect((await fetchError(server.url('/big-stream'), { maxBytes: 32 * 1024 })).kind).toBe('too-large');
    await expect.poll(() => clientHungUp).toBe(true);
  });

  it('reports HTTP errors with their status', async () => {
    server.route('/gone', (_request, response) => response.writeHead(410).end('gone'));
    const error = await fetchError(server.url('/gone'));
    expect(error.kind).toBe('http-status');
    expect(error.status).toBe(410);
  });

  it('reports connection failures as network errors', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchError(`http://127.0.0.1:${port}/feed.xml`);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('only accepts http and https URLs', async () => {
    expect((await fetchError('ftp://127.0.0.1/feed.xml')).kind).toBe('invalid-url');
    expect((await fetchError('not a url')).kind).toBe('invalid-url');
  });
});
