import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';

import { afterAll, describe, expect, test } from 'vitest';

import type { Config } from '../../src/config/config.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { parseStoreUrl } from '../../src/store/store-url.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMA.Gx7kQp.Secret-Part_of-the-token-0123456789abcd';
const APP_ID = '1100000000000000000';
const PUBLIC_KEY = 'ab'.repeat(32);
const minimal = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID };
const dir = mkdtempSync(join(tmpdir(), 'lagebild-config-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>, envFile: string | null = null): string[] {
  try {
    loadConfig(env, envFile);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    // The message lists every problem, one per line.
    expect(message.split('\n').slice(1)).toEqual(problems.map((p) => `- ${p}`));
    return [...problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('fills in defaults for everything but token and application id', () => {
    const config = loadConfig(minimal, null);
    expect(config).toEqual({
      applicationId: APP_ID,
      publicKey: undefined,
      apiUrl: 'https://discord.com/api',
      mode: 'gateway',
      dataDir: resolve('data'),
      store: { kind: 'sqlite', path: resolve('var/lagebild.sqlite') },
      redisPrefix: 'lagebild',
      storeTimeoutMs: 1500,
      healthPort: undefined,
      http: { port: 8080, host: '0.0.0.0', workers: 1 },
      gateway: { shardCount: 'auto', shardIds: undefined, processes: 1 },
      logLevel: 'info',
      feeds: { urls: [], file: undefined, intervalSeconds: 600, maxAlertsPerPoll: 10, seenHorizonDays: 400, allowPrivate: false },
      news: { retentionDays: 180, maxPerFeed: 1000 },
      alerts: { deliveryLeaseSeconds: 60 },
    } satisfies Omit<Config, 'discordToken'>);
    expect(config.discordToken).toBe(TOKEN);
    expect(Object.isFrozen(config) && Object.isFrozen(config.http) && Object.isFrozen(config.feeds.urls)).toBe(true);
  });

  test('reads every setting', () => {
    const config = loadConfig(
      {
        ...minimal,
        DISCORD_PUBLIC_KEY: PUBLIC_KEY.toUpperCase(),
        DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
        LAGEBILD_MODE: 'http',
        LAGEBILD_DATA_DIR: '/srv/lagebild/data',
        LAGEBILD_STORE: 'rediss://user:pw@cache.example:6380/2',
        LAGEBILD_REDIS_PREFIX: 'lagebild-staging',
        LAGEBILD_HTTP_PORT: '0',
        LAGEBILD_HTTP_HOST: '127.0.0.1',
        LAGEBILD_HTTP_WORKERS: '4',
        LOG_LEVEL: 'debug',
        LAGEBILD_FEEDS: ' https://a.example/feed.xml ,, https://b.example/rss ',
        LAGEBILD_FEEDS_FILE: 'feeds.txt',
        LAGEBILD_FEED_INTERVAL_SECONDS: '900',
        LAGEBILD_FEEDS_ALLOW_PRIVATE: 'true',
        LAGEBILD_DELIVERY_LEASE_SECONDS: '15',
        LAGEBILD_FEED_MAX_ALERTS_PER_POLL: '3',
        LAGEBILD_SEEN_HORIZON_DAYS: '30',
        LAGEBILD_NEWS_RETENTION_DAYS: '20',
        LAGEBILD_NEWS_MAX_PER_FEED: '50',
        LAGEBILD_STORE_TIMEOUT_MS: '800',
        LAGEBILD_HEALTH_PORT: '9090',
        LAGEBILD_SHARD_COUNT: '16',
        LAGEBILD_SHARD_IDS: ' 8-11, 14 ,9',
        LAGEBILD_SHARD_PROCESSES: '2',
      },
      null,
    );
    expect(config).toMatchObject({
      publicKey: PUBLIC_KEY,
      apiUrl: 'http://127.0.0.1:9999/api',
      mode: 'http',
      dataDir: '/srv/lagebild/data',
      store: { kind: 'redis', url: 'rediss://user:pw@cache.example:6380/2' },
      redisPrefix: 'lagebild-staging',
      http: { port: 0, host: '127.0.0.1', workers: 4 },
      gateway: { shardCount: 16, shardIds: [8, 9, 10, 11, 14], processes: 2 },
      logLevel: 'debug',
      feeds: {
        urls: ['https://a.example/feed.xml', 'https://b.example/rss'],
        file: resolve('feeds.txt'),
        intervalSeconds: 900,
        maxAlertsPerPoll: 3,
        seenHorizonDays: 30,
        allowPrivate: true,
      },
      news: { retentionDays: 20, maxPerFeed: 50 },
      alerts: { deliveryLeaseSeconds: 15 },
      storeTimeoutMs: 800,
      healthPort: 9090,
    });
    expect(loadConfig({ ...minimal, LAGEBILD_SHARD_COUNT: 'AUTO' }, null).gateway.shardCount).toBe('auto');
    expect(loadConfig({ ...minimal, LAGEBILD_SHARD_COUNT: '2', LAGEBILD_SHARD_IDS: '1' }, null).gateway.shardIds).toEqual([1]);
    expect(loadConfig({ ...minimal, LAGEBILD_STORE: 'sqlite::memory:' }, null).store).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  test('without LAGEBILD_NEWS_RETENTION_DAYS, news are kept 180 days, or the seen-items horizon when that is shorter', () => {
    expect(loadConfig({ ...minimal, LAGEBILD_SEEN_HORIZON_DAYS: '30' }, null).news.retentionDays).toBe(30);
    expect(loadConfig({ ...minimal, LAGEBILD_SEEN_HORIZON_DAYS: '365' }, null).news.retentionDays).toBe(180);
  });

  test('reads LAGEBILD_STORE with the reader of the store: the same forms, relative paths from the working directory', () => {
    const storeOf = (value: string) => loadConfig({ ...minimal, LAGEBILD_STORE: value }, null).store;
    // The URL habit: not a file in "/".
    expect(storeOf('sqlite://lagebild.db')).toEqual({ kind: 'sqlite', path: resolve('lagebild.db') });
    expect(storeOf('sqlite:///srv/lagebild.db')).toEqual({ kind: 'sqlite', path: '/srv/lagebild.db' });
    expect(storeOf('sqlite:./var/lagebild.sqlite')).toEqual({ kind: 'sqlite', path: resolve('var/lagebild.sqlite') });
    expect(storeOf('state/lagebild.db')).toEqual({ kind: 'sqlite', path: resolve('state/lagebild.db') });
    for (const value of ['sqlite://lagebild.db', 'sqlite:///srv/x.db', 'sqlite:x.db', '/srv/x.db', 'redis://127.0.0.1:6379/2']) {
      const parsed = parseStoreUrl(value);
      expect(storeOf(value), value).toEqual(parsed.kind === 'sqlite' ? { kind: 'sqlite', path: resolve(parsed.path) } : parsed);
    }
  });

  test('a store URL it cannot read is refused with the forms it can, without repeating the value', () => {
    for (const value of ['sqlite://', 'redis:secret-password@host', 'postgres://user:secret-password@db']) {
      const problems = problemsOf({ ...minimal, LAGEBILD_STORE: value });
      expect(problems, value).toHaveLength(1);
      expect(problems[0]).toMatch(/^LAGEBILD_STORE must be "sqlite:PATH" .*"sqlite:\/\/RELATIVE\/PATH", "sqlite:\/\/\/ABSOLUTE\/PATH"/);
      expect(problems[0]).not.toContain('secret-password');
    }
  });

  test('treats blank values as unset', () => {
    expect(loadConfig({ ...minimal, LAGEBILD_HTTP_PORT: '', LOG_LEVEL: '  ' }, null)).toMatchObject({ http: { port: 8080 }, logLevel: 'info' });
  });

  test.each([
    ['DISCORD_TOKEN', { DISCORD_TOKEN: undefined }, /DISCORD_TOKEN is missing: set it to your bot token/],
    ['DISCORD_TOKEN', { DISCORD_TOKEN: 'only-one-part' }, /DISCORD_TOKEN looks malformed: expected three dot-separated parts; copy it again/],
    ['DISCORD_TOKEN', { DISCORD_TOKEN: `Bot ${TOKEN}` }, /DISCORD_TOKEN must not start with "Bot "/],
    ['DISCORD_APPLICATION_ID', { DISCORD_APPLICATION_ID: undefined }, /DISCORD_APPLICATION_ID is missing: set it to the Application ID/],
    ['DISCORD_APPLICATION_ID', { DISCORD_APPLICATION_ID: 'my-bot' }, /DISCORD_APPLICATION_ID must be a snowflake \(17–20 digits\)/],
    ['DISCORD_PUBLIC_KEY', { DISCORD_PUBLIC_KEY: 'abc' }, /DISCORD_PUBLIC_KEY must be 64 hex characters: copy the Public Key/],
    ['DISCORD_PUBLIC_KEY', { LAGEBILD_MODE: 'http' }, /DISCORD_PUBLIC_KEY is missing: http mode needs it/],
    ['DISCORD_API_URL', { DISCORD_API_URL: 'discord.com/api' }, /DISCORD_API_URL must be an http\(s\) URL/],
    ['LAGEBILD_MODE', { LAGEBILD_MODE: 'webhook' }, /LAGEBILD_MODE must be "gateway" \(default\) or "http"/],
    ['LAGEBILD_STORE', { LAGEBILD_STORE: 'postgres://db' }, /LAGEBILD_STORE must be "sqlite:PATH"/],
    ['LAGEBILD_STORE', { LAGEBILD_STORE: 'sqlite:' }, /LAGEBILD_STORE must be "sqlite:PATH"/],
    ['LAGEBILD_HTTP_PORT', { LAGEBILD_HTTP_PORT: '80a' }, /LAGEBILD_HTTP_PORT must be a whole number from 0 to 65535/],
    ['LAGEBILD_HTTP_PORT', { LAGEBILD_HTTP_PORT: '70000' }, /LAGEBILD_HTTP_PORT must be a whole number from 0 to 65535/],
    ['LAGEBILD_HTTP_WORKERS', { LAGEBILD_HTTP_WORKERS: '0' }, /LAGEBILD_HTTP_WORKERS must be a whole number from 1 to 64/],
    [
      'LAGEBILD_SHARD_COUNT',
      { LAGEBILD_SHARD_COUNT: '0' },
      /LAGEBILD_SHARD_COUNT must be "auto" \(default: as many shards as Discord recommends\) or a whole number/,
    ],
    ['LAGEBILD_SHARD_COUNT', { LAGEBILD_SHARD_COUNT: 'many' }, /LAGEBILD_SHARD_COUNT must be "auto"/],
    [
      'LAGEBILD_SHARD_IDS',
      { LAGEBILD_SHARD_COUNT: '4', LAGEBILD_SHARD_IDS: '0-1,x' },
      /LAGEBILD_SHARD_IDS entry 2 must be a shard id or a range "FIRST-LAST"/,
    ],
    ['LAGEBILD_SHARD_IDS', { LAGEBILD_SHARD_COUNT: '4', LAGEBILD_SHARD_IDS: '3-1' }, /LAGEBILD_SHARD_IDS entry 1 must be a shard id or a range/],
    ['LAGEBILD_SHARD_IDS', { LAGEBILD_SHARD_IDS: '0-3' }, /LAGEBILD_SHARD_IDS needs LAGEBILD_SHARD_COUNT set to a number/],
    [
      'LAGEBILD_SHARD_IDS',
      { LAGEBILD_SHARD_COUNT: '4', LAGEBILD_SHARD_IDS: '2-5' },
      /LAGEBILD_SHARD_IDS names shard 4, 5, but LAGEBILD_SHARD_COUNT is 4: shard ids go from 0 to 3/,
    ],
    ['LAGEBILD_SHARD_PROCESSES', { LAGEBILD_SHARD_PROCESSES: '0' }, /LAGEBILD_SHARD_PROCESSES must be a whole number from 1 to 64/],
    ['LAGEBILD_STORE_TIMEOUT_MS', { LAGEBILD_STORE_TIMEOUT_MS: '50' }, /LAGEBILD_STORE_TIMEOUT_MS must be a whole number from 100 to 60000/],
    ['LAGEBILD_HEALTH_PORT', { LAGEBILD_HEALTH_PORT: 'http' }, /LAGEBILD_HEALTH_PORT must be a port number from 0 to 65535/],
    ['LAGEBILD_HEALTH_PORT', { LAGEBILD_HEALTH_PORT: '65536' }, /LAGEBILD_HEALTH_PORT must be a port number from 0 to 65535/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['LAGEBILD_FEEDS', { LAGEBILD_FEEDS: 'https://a.example/feed,b.example/rss' }, /LAGEBILD_FEEDS entry 2 is not an http\(s\) URL: separate/],
    [
      'LAGEBILD_FEED_INTERVAL_SECONDS',
      { LAGEBILD_FEED_INTERVAL_SECONDS: '10' },
      /LAGEBILD_FEED_INTERVAL_SECONDS must be a whole number from 60 to 86400/,
    ],
    [
      'LAGEBILD_FEED_MAX_ALERTS_PER_POLL',
      { LAGEBILD_FEED_MAX_ALERTS_PER_POLL: '0' },
      /LAGEBILD_FEED_MAX_ALERTS_PER_POLL must be a whole number from 1 to 1000 \(default 10\)/,
    ],
    [
      'LAGEBILD_SEEN_HORIZON_DAYS',
      { LAGEBILD_SEEN_HORIZON_DAYS: '0' },
      /LAGEBILD_SEEN_HORIZON_DAYS must be a whole number from 1 to 36500 \(default 400\)/,
    ],
    ['LAGEBILD_SEEN_HORIZON_DAYS', { LAGEBILD_SEEN_HORIZON_DAYS: '0.5' }, /LAGEBILD_SEEN_HORIZON_DAYS must be a whole number from 1 to 36500/],
    [
      'LAGEBILD_NEWS_RETENTION_DAYS',
      { LAGEBILD_NEWS_RETENTION_DAYS: '200', LAGEBILD_SEEN_HORIZON_DAYS: '100' },
      /LAGEBILD_NEWS_RETENTION_DAYS \(200\) is longer than LAGEBILD_SEEN_HORIZON_DAYS \(100\): .* lower the retention or raise the horizon/,
    ],
    [
      'LAGEBILD_NEWS_RETENTION_DAYS',
      { LAGEBILD_NEWS_RETENTION_DAYS: '0' },
      /LAGEBILD_NEWS_RETENTION_DAYS must be a whole number of days from 1 to 36500/,
    ],
    [
      'LAGEBILD_NEWS_MAX_PER_FEED',
      { LAGEBILD_NEWS_MAX_PER_FEED: '5' },
      /LAGEBILD_NEWS_MAX_PER_FEED must be a whole number from 10 to 100000 \(default 1000\)/,
    ],
    ['LAGEBILD_FEEDS_ALLOW_PRIVATE', { LAGEBILD_FEEDS_ALLOW_PRIVATE: 'yes' }, /LAGEBILD_FEEDS_ALLOW_PRIVATE must be "true" or "false"/],
    ['LAGEBILD_REDIS_PREFIX', { LAGEBILD_REDIS_PREFIX: 'lagebild:prod' }, /LAGEBILD_REDIS_PREFIX must be 1–64 letters, digits/],
    ['LAGEBILD_HTTP_PROT', { LAGEBILD_HTTP_PROT: '8080' }, /LAGEBILD_HTTP_PROT is not a known setting: check the spelling/],
  ])('a wrong %s is named with its fix', (_name, override, expected) => {
    const env = Object.fromEntries(Object.entries({ ...minimal, ...override }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  test('refuses a feed URL with credentials, naming the feed without them', () => {
    const problems = problemsOf({ ...minimal, LAGEBILD_FEEDS: 'https://a.example/feed,https://reader:s3cr3t-pw@b.example/rss?x=1' });
    expect(problems).toEqual([expect.stringMatching(/^LAGEBILD_FEEDS entry 2: https:\/\/b\.example\/rss\?x=1 has a user name or password in it/)]);
    expect(problems.join('\n')).not.toMatch(/s3cr3t|reader/);
    expect(problemsOf({ ...minimal, LAGEBILD_FEEDS: 'http://token@c.example/feed' })[0]).toMatch(
      /^LAGEBILD_FEEDS entry 1: http:\/\/c\.example\/feed has/,
    );
  });

  test('reports every problem at once', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: 'x',
      LAGEBILD_MODE: 'http',
      LAGEBILD_HTTP_PORT: '-1',
      LOG_LEVEL: 'loud',
      LAGEBILD_STORE: 'mysql://x',
      LAGEBILD_NEWS_RETENTION_DAYS: '500',
    });
    const named = [
      'DISCORD_TOKEN',
      'DISCORD_APPLICATION_ID',
      'DISCORD_PUBLIC_KEY',
      'LAGEBILD_HTTP_PORT',
      'LOG_LEVEL',
      'LAGEBILD_STORE',
      // Longer than the default seen-items horizon (400 days): listed with the rest.
      'LAGEBILD_NEWS_RETENTION_DAYS (500) is longer',
    ];
    expect(problems).toHaveLength(named.length);
    for (const name of named)
      expect(
        problems.some((p) => p.startsWith(name)),
        name,
      ).toBe(true);
  });
});

describe('the .env file', () => {
  const file = join(dir, 'settings.env');
  writeFileSync(
    file,
    ['# comment', `DISCORD_TOKEN=${TOKEN}`, `DISCORD_APPLICATION_ID="${APP_ID}"`, 'LAGEBILD_HTTP_PORT=9000', 'LOG_LEVEL=warn'].join('\n'),
  );

  test('is read', () => {
    expect(loadConfig({}, file)).toMatchObject({ applicationId: APP_ID, http: { port: 9000 }, logLevel: 'warn' });
  });

  test('loses to the real environment', () => {
    expect(loadConfig({ LAGEBILD_HTTP_PORT: '9100' }, file)).toMatchObject({ http: { port: 9100 }, logLevel: 'warn' });
  });

  test('may be absent', () => {
    expect(loadConfig(minimal, join(dir, 'missing.env')).applicationId).toBe(APP_ID);
  });

  test('that cannot be read is reported with the other problems', () => {
    const problems = problemsOf({}, dir);
    expect(problems[0]).toMatch(/settings file .* could not be read \(EISDIR\)/);
    expect(problems.some((p) => p.startsWith('DISCORD_TOKEN is missing'))).toBe(true);
  });
});

describe('the token stays secret', () => {
  test('no error shows it, however it is wrong', () => {
    const variants = [`${TOKEN}.extra`, `Bot ${TOKEN}`, `"${TOKEN}"`, TOKEN.replaceAll('.', ' ')];
    for (const token of variants) {
      let error: unknown;
      try {
        loadConfig({ DISCORD_TOKEN: token, LAGEBILD_MODE: 'nope' }, null);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const { message, stack, problems } = error as ConfigError;
      for (const text of [message, String(stack), JSON.stringify(problems), inspect(error)]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain('Secret-Part');
      }
    }
  });

  test('printing or serialising the config leaves it out', () => {
    const config = loadConfig(minimal, null);
    expect(JSON.stringify(config)).not.toContain('Secret-Part');
    expect(inspect(config, { depth: 5 })).not.toContain('Secret-Part');
    expect(Object.values(config).join(',')).not.toContain('Secret-Part');
  });
});
