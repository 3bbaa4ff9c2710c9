// The only module that reads the environment. Read once at start; everything
// else gets the resulting Config (or parts of it) passed in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

import type { StoreOpening } from '../store/store.js';
import type { StoreTarget } from '../store/store-url.js';
import type { LogLevel, Mode } from './settings.js';
import { DEFAULT_NEWS_RETENTION_DAYS, SETTING_NAMES, settingsSchema } from './settings.js';

export type { LogLevel, Mode } from './settings.js';

export interface Config {
  /** Secret and not enumerable: printing or serialising the config leaves it out. */
  readonly discordToken: string;
  readonly applicationId: string;
  /** Lowercase hex; always set in http mode. */
  readonly publicKey: string | undefined;
  /** Without a trailing slash; @discordjs/rest appends the version. */
  readonly apiUrl: string;
  readonly mode: Mode;
  /** Absolute path. */
  readonly dataDir: string;
  /** An sqlite path is absolute, or `:memory:`. */
  readonly store: Readonly<StoreTarget>;
  /** Redis only: every key the bot writes starts with this and a colon, so deployments can share a server. */
  readonly redisPrefix: string;
  /** How long one store operation may take before it counts as unavailable. */
  readonly storeTimeoutMs: number;
  /** Gateway mode: the port of GET /healthz; undefined when off (HTTP mode serves it on the interactions port). */
  readonly healthPort: number | undefined;
  readonly http: { readonly port: number; readonly host: string; readonly workers: number };
  /** Gateway mode: which shards this process (or its shard processes) runs. */
  readonly gateway: {
    /** The shards of the whole bot, across every process and machine; `auto`: Discord's recommendation. */
    readonly shardCount: number | 'auto';
    /** The shards run here, ascending; undefined: all of them. Only with a numeric shardCount. */
    readonly shardIds: readonly number[] | undefined;
    /** Processes on this machine that share this process's shards; a primary supervises them when more than 1. */
    readonly processes: number;
  };
  readonly logLevel: LogLevel;
  readonly feeds: {
    readonly urls: readonly string[];
    /** Absolute path, or undefined when not set. */
    readonly file: string | undefined;
    readonly intervalSeconds: number;
    /** At most this many new items of one feed are alerted per poll; the rest are recorded as seen. */
    readonly maxAlertsPerPoll: number;
    /** How long a seen feed item (and its publication) is remembered after it was last seen. */
    readonly seenHorizonDays: number;
    /** Whether a redirect, or a DNS answer for a name, may lead a feed fetch to a loopback, private or link-local address. */
    readonly allowPrivate: boolean;
  };
  readonly news: {
    /** Feed items dated (or first read) longer ago are not kept as news; never more than feeds.seenHorizonDays. */
    readonly retentionDays: number;
    /** Each feed keeps at most this many news items, the latest. */
    readonly maxPerFeed: number;
  };
  readonly alerts: {
    /** How long a claimed delivery stays with one process; after a crash it goes out again once this runs out. */
    readonly deliveryLeaseSeconds: number;
  };
}

/** Lists every problem found, one per line, each naming the setting and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readEnvFile(path: string): { vars: Env; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { vars: {} };
    return { vars: {}, problem: `The settings file ${path} could not be read (${code ?? 'unknown error'}): fix its permissions or remove it.` };
  }
  return { vars: parseEnv(text) };
}

/** Settings we do not know are most likely typos of ones we do. */
function unknownSettings(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('LAGEBILD_') && !SETTING_NAMES.includes(name))
    .map((name) => `${name} is not a known setting: check the spelling (see .env.example for the list).`);
}

/** Every process must agree on the total, so a subset of shards needs a fixed count, and ids below it. */
function shardProblems(count: number | 'auto', ids: readonly number[] | undefined): string[] {
  if (ids === undefined) return [];
  if (count === 'auto') {
    return [
      'LAGEBILD_SHARD_IDS needs LAGEBILD_SHARD_COUNT set to a number: every process must count the same shards, and Discord’s recommendation can change between their starts.',
    ];
  }
  const beyond = ids.filter((id) => id >= count);
  if (beyond.length === 0) return [];
  return [`LAGEBILD_SHARD_IDS names shard ${beyond.join(', ')}, but LAGEBILD_SHARD_COUNT is ${count}: shard ids go from 0 to ${count - 1}.`];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads settings from `env` over the `.env` file at `envFile` (the real
 * environment wins; pass `null` to skip the file), as `process.loadEnvFile` would.
 * Throws a ConfigError listing every problem at once.
 */
export function loadConfig(env: Env = process.env, envFile: string | null = '.env'): Config {
  const file = envFile === null ? { vars: {} } : readEnvFile(envFile);
  const merged: Env = { ...file.vars, ...env };
  const problems = file.problem ? [file.problem] : [];

  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  // Checked on the raw values so it is reported even when other settings are wrong.
  if (merged.LAGEBILD_MODE?.trim() === 'http' && !merged.DISCORD_PUBLIC_KEY?.trim()) {
    problems.push('DISCORD_PUBLIC_KEY is missing: http mode needs it to verify requests; copy the Public Key from General Information.');
  }
  problems.push(...unknownSettings(merged));
  if (parsed.success) problems.push(...shardProblems(parsed.data.LAGEBILD_SHARD_COUNT, parsed.data.LAGEBILD_SHARD_IDS));
  // Read on their own, so the conflict is listed with the other problems when there are any.
  const spans = settingsSchema.pick({ LAGEBILD_NEWS_RETENTION_DAYS: true, LAGEBILD_SEEN_HORIZON_DAYS: true }).safeParse(merged).data;
  const retention = spans?.LAGEBILD_NEWS_RETENTION_DAYS;
  const horizon = spans?.LAGEBILD_SEEN_HORIZON_DAYS;
  if (retention !== undefined && horizon !== undefined && retention > horizon) {
    // A news item kept longer than its seen record would be read as new again, and alerted twice.
    problems.push(
      `LAGEBILD_NEWS_RETENTION_DAYS (${retention}) is longer than LAGEBILD_SEEN_HORIZON_DAYS (${horizon}): news items may not outlive the record that they were seen; lower the retention or raise the horizon.`,
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const s = parsed.data;
  const config: Omit<Config, 'discordToken'> = {
    applicationId: s.DISCORD_APPLICATION_ID,
    publicKey: s.DISCORD_PUBLIC_KEY,
    apiUrl: s.DISCORD_API_URL,
    mode: s.LAGEBILD_MODE,
    dataDir: resolve(s.LAGEBILD_DATA_DIR),
    store:
      s.LAGEBILD_STORE.kind === 'sqlite' && s.LAGEBILD_STORE.path !== ':memory:'
        ? { kind: 'sqlite', path: resolve(s.LAGEBILD_STORE.path) }
        : s.LAGEBILD_STORE,
    redisPrefix: s.LAGEBILD_REDIS_PREFIX,
    storeTimeoutMs: s.LAGEBILD_STORE_TIMEOUT_MS,
    healthPort: s.LAGEBILD_HEALTH_PORT,
    http: { port: s.LAGEBILD_HTTP_PORT, host: s.LAGEBILD_HTTP_HOST, workers: s.LAGEBILD_HTTP_WORKERS },
    gateway: { shardCount: s.LAGEBILD_SHARD_COUNT, shardIds: s.LAGEBILD_SHARD_IDS, processes: s.LAGEBILD_SHARD_PROCESSES },
    logLevel: s.LOG_LEVEL,
    feeds: {
      urls: s.LAGEBILD_FEEDS,
      file: s.LAGEBILD_FEEDS_FILE === undefined ? undefined : resolve(s.LAGEBILD_FEEDS_FILE),
      intervalSeconds: s.LAGEBILD_FEED_INTERVAL_SECONDS,
      maxAlertsPerPoll: s.LAGEBILD_FEED_MAX_ALERTS_PER_POLL,
      seenHorizonDays: s.LAGEBILD_SEEN_HORIZON_DAYS,
      allowPrivate: s.LAGEBILD_FEEDS_ALLOW_PRIVATE,
    },
    news: {
      retentionDays: s.LAGEBILD_NEWS_RETENTION_DAYS ?? Math.min(DEFAULT_NEWS_RETENTION_DAYS, s.LAGEBILD_SEEN_HORIZON_DAYS),
      maxPerFeed: s.LAGEBILD_NEWS_MAX_PER_FEED,
    },
    alerts: { deliveryLeaseSeconds: s.LAGEBILD_DELIVERY_LEASE_SECONDS },
  };
  // Not enumerable, so printing, spreading or serialising the config leaves it out.
  Object.defineProperty(config, 'discordToken', { value: s.DISCORD_TOKEN, enumerable: false });
  return deepFreeze(config as Config);
}

/** What the command line needs to read and write the bot's store (news, feed ingest), without the Discord settings. */
export interface StoreSettings {
  readonly store: Readonly<StoreTarget>;
  readonly redisPrefix: string;
  readonly storeTimeoutMs: number;
  readonly feeds: Pick<Config['feeds'], 'maxAlertsPerPoll' | 'seenHorizonDays' | 'allowPrivate'>;
  readonly news: Config['news'];
}

/** How the configured store is opened, by the bot (on any thread) and the CLI alike. */
export function storeOpening(settings: Pick<StoreSettings, 'store' | 'redisPrefix' | 'storeTimeoutMs'>): StoreOpening {
  return {
    target: settings.store,
    keyPrefix: settings.redisPrefix,
    // One bound for every operation: on Redis the wait for an answer, on SQLite (synchronous) the wait for another process's write lock.
    operationTimeoutMs: settings.storeTimeoutMs,
    busyTimeoutMs: settings.storeTimeoutMs,
  };
}

/**
 * The store settings, read as loadConfig reads them (LAGEBILD_STORE and the settings about
 * what is kept in it), for `lagebild ask`, `complete` and `feed ingest`, which need no
 * Discord settings. Throws a ConfigError listing the problems of those settings.
 */
export function loadStoreSettings(env: Env = process.env, envFile: string | null = '.env'): StoreSettings {
  // The Discord settings are not needed: stand-ins that pass, so only the others' problems are reported.
  const standIns = { DISCORD_TOKEN: 'x.y.z', DISCORD_APPLICATION_ID: '10000000000000000', DISCORD_PUBLIC_KEY: undefined, LAGEBILD_MODE: undefined };
  const file = envFile === null ? { vars: {} } : readEnvFile(envFile);
  const config = loadConfig({ ...file.vars, ...env, ...standIns }, null);
  return { store: config.store, redisPrefix: config.redisPrefix, storeTimeoutMs: config.storeTimeoutMs, feeds: config.feeds, news: config.news };
}

/**
 * Where feed fetches may go, for `lagebild feed preview`, which needs no Discord
 * settings: LAGEBILD_FEEDS_ALLOW_PRIVATE alone, read as loadConfig reads it.
 */
export function loadFeedTargetSettings(env: Env = process.env, envFile: string | null = '.env'): { allowPrivate: boolean } {
  const file = envFile === null ? { vars: {} } : readEnvFile(envFile);
  const merged: Env = { ...file.vars, ...env };
  const parsed = settingsSchema.shape.LAGEBILD_FEEDS_ALLOW_PRIVATE.safeParse(merged.LAGEBILD_FEEDS_ALLOW_PRIVATE);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  return { allowPrivate: parsed.data };
}
