// Where a feed fetch may connect (issue 9): the configured URL may name any
// address, but a redirect or a DNS answer that leads to a loopback, private or
// link-local address is refused unless the operator allows it; URLs with
// credentials are refused and never shown with them.
import type { LookupAddress } from 'node:dns';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FeedError } from '../../src/feeds/feed-error.js';
import { isInternalAddress, type LookupFunction } from '../../src/feeds/feed-target.js';
import { fetchFeed, type FetchFeedOptions } from '../../src/feeds/fetch-feed.js';
import { rejection } from '../support/rejection.js';
import { fixture, serve, startTestServer, type TestServer } from './feed-test-server.js';

const userAgent = 'lagebild-test/1.0';
let feeds: TestServer;
/** Another server on the same machine: what a redirect must not reach. */
let internal: TestServer;

beforeAll(async () => {
  feeds = await startTestServer();
  internal = await startTestServer();
  internal.route('/secret', serve(fixture('atom-osce.xml'), 'application/atom+xml'));
  feeds.route('/feed', serve(fixture('atom-osce.xml'), 'application/atom+xml'));
});
afterAll(async () => {
  await feeds.close();
  await internal.close();
});

/** A resolver that answers every name with `address` (no network in tests). */
function resolvesTo(address: string): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    asked.push(hostname);
    const family = address.includes(':') ? 6 : 4;
    if (options.all === true) callback(null, [{ address, family } satisfies LookupAddress]);
    else callback(null, address, family);
  };
  return Object.assign(lookup, { asked });
}

async function refusal(url: string, options: Partial<FetchFeedOptions> = {}): Promise<FeedError> {
  const error = await rejection(fetchFeed(url, { userAgent, ...options }));
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

const port = (server: TestServer) => new URL(server.url('/')).port;

describe('the internal address ranges', () => {
  it.each([
    '127.0.0.1',
    '127.9.9.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '[::1]',
  ])('%s is internal', (address) => expect(isInternalAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:93.184.216.34'])('%s is public', (address) =>
    expect(isInternalAddress(address)).toBe(false),
  );
});

describe('fetchFeed and internal addresses', () => {
  it('fetches a configured feed on 127.0.0.1, and follows redirects within that server', async () => {
    await expect(fetchFeed(feeds.url('/feed'), { userAgent })).resolves.toMatchObject({ status: 'ok' });
    feeds.route('/moved', (_request, response) => response.writeHead(301, { location: '/feed' }).end());
    await expect(fetchFeed(feeds.url('/moved'), { userAgent })).resolves.toMatchObject({ status: 'ok', finalUrl: feeds.url('/feed') });
  });

  it('fetches a configured feed at localhost', async () => {
    await expect(fetchFeed(`http://localhost:${port(feeds)}/feed`, { userAgent, lookup: resolvesTo('127.0.0.1') })).resolves.toMatchObject({
      status: 'ok',
    });
  });

  it('refuses a redirect to another internal server, however it is written', async () => {
    const before = internal.requests.length;
    const targets = [
      internal.url('/secret'),
      `http://localhost:${port(internal)}/secret`,
      `http://[::1]:${port(internal)}/secret`,
      `http://[::ffff:127.0.0.1]:${port(internal)}/secret`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/admin',
      `http://127.1:${port(internal)}/secret`,
    ];
    for (const [i, target] of targets.entries()) {
      feeds.route(`/to-internal-${i}`, (_request, response) => response.writeHead(302, { location: target }).end());
      const error = await refusal(feeds.url(`/to-internal-${i}`));
      expect(error.kind, target).toBe('private-address');
      expect(error.message).toMatch(/LAGEBILD_FEEDS_ALLOW_PRIVATE=true/);
    }
    expect(internal.requests.length).toBe(before);
  });

  it('refuses a name that resolves to an internal address, on the first request and after a redirect', async () => {
    const lookup = resolvesTo('127.0.0.1');
    const direct = await refusal(`http://feeds.example.org:${port(feeds)}/feed`, { lookup });
    expect(direct.kind).toBe('private-address');
    expect(direct.message).toMatch(/feeds\.example\.org resolves to the internal address 127\.0\.0\.1/);
    expect(lookup.asked).toContain('feeds.example.org');

    feeds.route('/to-name', (_request, response) => response.writeHead(302, { location: `http://rebound.example:${port(internal)}/secret` }).end());
    const before = internal.requests.length;
    expect((await refusal(feeds.url('/to-name'), { lookup: resolvesTo('::ffff:127.0.0.1') })).kind).toBe('private-address');
    expect(internal.requests.length).toBe(before);
  });

  it('allows all of it with allowPrivate', async () => {
    feeds.route('/to-internal', (_request, response) => response.writeHead(302, { location: internal.url('/secret') }).end());
    await expect(fetchFeed(feeds.url('/to-internal'), { userAgent, allowPrivate: true })).resolves.toMatchObject({ status: 'ok' });
    await expect(
      fetchFeed(`http://feeds.example.org:${port(feeds)}/feed`, { userAgent, allowPrivate: true, lookup: resolvesTo('127.0.0.1') }),
    ).resolves.toMatchObject({ status: 'ok' });
  });

  it('refuses URLs with credentials, and a redirect to one, without showing them', async () => {
    const error = await refusal(`http://reader:hunter2@127.0.0.1:${port(feeds)}/feed`);
    expect(error.kind).toBe('invalid-url');
    expect(error.message).toBe(
      `http://127.0.0.1:${port(feeds)}/feed has a user name or password in it: feed URLs are written to logs and must not carry secrets; use a feed URL that needs none`,
    );
    feeds.route('/to-credentials', (_request, response) =>
      response.writeHead(302, { location: `http://x:hunter2@127.0.0.1:${port(feeds)}/feed` }).end(),
    );
    const redirected = await refusal(feeds.url('/to-credentials'));
    expect(redirected.kind).toBe('invalid-url');
    expect(redirected.message).not.toMatch(/hunter2/);
  });
});
