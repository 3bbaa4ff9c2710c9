// The environment settings as one zod schema. Every issue message names the
// setting and says how to fix it, and none echoes the value (it may be the token).
import { z } from 'zod';

import { credentialsProblem } from '../feeds/feed-target.js';
import { readStoreSetting, type StoreTarget } from '../store/store-url.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const MODES = ['gateway', 'http'] as const;
export type Mode = (typeof MODES)[number];

const DEFAULT_API_URL = 'https://discord.com/api';
const DEFAULT_STORE = 'sqlite:./var/lagebild.sqlite';
const DEFAULT_REDIS_PREFIX = 'lagebild';
export const DEFAULT_NEWS_RETENTION_DAYS = 180;

/** `KEY=` in a .env file means "not set", as it does for most tools. */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function setting<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema);
}

function required(name: string, fix: string) {
  return z.string({ error: `${name} is missing: ${fix}` }).trim();
}

function integer(name: string, min: number, max: number, fallback: number) {
  return setting(
    z
      .string()
      .default(String(fallback))
      .refine((v) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max, {
        error: `${name} must be a whole number from ${min} to ${max} (default ${fallback}).`,
      })
      .transform(Number),
  );
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function checkToken(token: string, ctx: z.RefinementCtx): void {
  const fix = 'copy it again from the Discord Developer Portal (your application → Bot → Reset Token).';
  if (/^bot\s/i.test(token)) {
    ctx.addIssue({ code: 'custom', message: `DISCORD_TOKEN must not start with "Bot ": set only the token itself.` });
  } else if (/\s|["']/.test(token)) {
    ctx.addIssue({ code: 'custom', message: `DISCORD_TOKEN looks malformed: it contains spaces or quotes; ${fix}` });
  } else if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
    ctx.addIssue({ code: 'custom', message: `DISCORD_TOKEN looks malformed: expected three dot-separated parts; ${fix}` });
  }
}

/** The store's own reader (src/store/store-url.ts), its refusal turned into a problem that names the forms. */
function parseStore(value: string, ctx: z.RefinementCtx): StoreTarget {
  const read = readStoreSetting('LAGEBILD_STORE', value);
  if (read.ok) return read.target;
  ctx.addIssue({ code: 'custom', message: read.problem });
  return z.NEVER;
}

function parseFeeds(value: string, ctx: z.RefinementCtx): string[] {
  const urls = value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  urls.forEach((url, i) => {
    if (!isHttpUrl(url)) {
      ctx.addIssue({ code: 'custom', message: `LAGEBILD_FEEDS entry ${i + 1} is not an http(s) URL: separate full feed URLs with commas.` });
      return;
    }
    const credentials = credentialsProblem(new URL(url));
    if (credentials !== undefined) ctx.addIssue({ code: 'custom', message: `LAGEBILD_FEEDS entry ${i + 1}: ${credentials}` });
  });
  return urls;
}

function boolean(name: string) {
  return setting(
    z
      .enum(['true', 'false'], { error: `${name} must be "true" or "false" (default false).` })
      .default('false')
      .transform((v) => v === 'true'),
  );
}

/** Discord's limit is far above what one bot needs; the bound catches a typo. */
export const MAX_SHARDS = 16_384;

function parseShardCount(value: string, ctx: z.RefinementCtx): number | 'auto' {
  const v = value.trim().toLowerCase();
  if (v === 'auto') return 'auto';
  if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_SHARDS) return Number(v);
  ctx.addIssue({
    code: 'custom',
    message: `LAGEBILD_SHARD_COUNT must be "auto" (default: as many shards as Discord recommends) or a whole number from 1 to ${MAX_SHARDS}.`,
  });
  return z.NEVER;
}

/** "0-3", "0,2", "0-3,8": the shard ids this process runs, ascending, each once. */
function parseShardIds(value: string, ctx: z.RefinementCtx): number[] {
  const ids = new Set<number>();
  value.split(',').forEach((part, i) => {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const first = Number(range?.[1]);
    const last = range?.[2] === undefined ? first : Number(range[2]);
    if (range === null || last < first || last >= MAX_SHARDS) {
      ctx.addIssue({
        code: 'custom',
        message: `LAGEBILD_SHARD_IDS entry ${i + 1} must be a shard id or a range "FIRST-LAST" (e.g. "0-3" or "0,2"), ids counted from 0.`,
      });
      return;
    }
    for (let id = first; id <= last; id++) ids.add(id);
  });
  return [...ids].sort((a, b) => a - b);
}

export const settingsSchema = z.object({
  DISCORD_TOKEN: setting(
    required('DISCORD_TOKEN', 'set it to your bot token from the Discord Developer Portal (your application → Bot → Reset Token).').superRefine(
      checkToken,
    ),
  ),
  DISCORD_APPLICATION_ID: setting(
    required('DISCORD_APPLICATION_ID', 'set it to the Application ID from the Developer Portal (General Information).').regex(/^\d{17,20}$/, {
      error: 'DISCORD_APPLICATION_ID must be a snowflake (17–20 digits): copy the Application ID from General Information.',
    }),
  ),
  DISCORD_PUBLIC_KEY: setting(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { error: 'DISCORD_PUBLIC_KEY must be 64 hex characters: copy the Public Key from General Information.' })
      .transform((key) => key.toLowerCase())
      .optional(),
  ),
  DISCORD_API_URL: setting(
    z
      .string()
      .default(DEFAULT_API_URL)
      .refine(isHttpUrl, { error: `DISCORD_API_URL must be an http(s) URL such as ${DEFAULT_API_URL} (or leave it unset).` })
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  LAGEBILD_MODE: setting(z.enum(MODES, { error: 'LAGEBILD_MODE must be "gateway" (default) or "http".' }).default('gateway')),
  LAGEBILD_DATA_DIR: setting(z.string().default('./data')),
  LAGEBILD_STORE: setting(z.string().default(DEFAULT_STORE).transform(parseStore)),
  LAGEBILD_REDIS_PREFIX: setting(
    z
      .string()
      .trim()
      .default(DEFAULT_REDIS_PREFIX)
      .refine((v) => /^[A-Za-z0-9_.-]{1,64}$/.test(v), {
        error: `LAGEBILD_REDIS_PREFIX must be 1–64 letters, digits, "_", "." or "-" (no ":"; default ${DEFAULT_REDIS_PREFIX}).`,
      }),
  ),
  LAGEBILD_HTTP_PORT: integer('LAGEBILD_HTTP_PORT', 0, 65535, 8080),
  LAGEBILD_HTTP_HOST: setting(z.string().trim().default('0.0.0.0')),
  LAGEBILD_HTTP_WORKERS: integer('LAGEBILD_HTTP_WORKERS', 1, 64, 1),
  LAGEBILD_SHARD_COUNT: setting(z.string().default('auto').transform(parseShardCount)),
  LAGEBILD_SHARD_IDS: setting(z.string().transform(parseShardIds).optional()),
  LAGEBILD_SHARD_PROCESSES: integer('LAGEBILD_SHARD_PROCESSES', 1, 64, 1),
  LOG_LEVEL: setting(z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (default info).` }).default('info')),
  LAGEBILD_FEEDS: setting(z.string().default('').transform(parseFeeds)),
  LAGEBILD_FEEDS_FILE: setting(z.string().optional()),
  LAGEBILD_FEEDS_ALLOW_PRIVATE: boolean('LAGEBILD_FEEDS_ALLOW_PRIVATE'),
  LAGEBILD_FEED_INTERVAL_SECONDS: integer('LAGEBILD_FEED_INTERVAL_SECONDS', 60, 86_400, 600),
  LAGEBILD_DELIVERY_LEASE_SECONDS: integer('LAGEBILD_DELIVERY_LEASE_SECONDS', 5, 3600, 60),
  LAGEBILD_FEED_MAX_ALERTS_PER_POLL: integer('LAGEBILD_FEED_MAX_ALERTS_PER_POLL', 1, 1000, 10),
  // At least one day: the poller refreshes the record of an item still in its feed at most daily.
  // The news retention must never exceed this horizon (config.ts checks the two together).
  LAGEBILD_SEEN_HORIZON_DAYS: integer('LAGEBILD_SEEN_HORIZON_DAYS', 1, 36_500, 400),
  // Unset: the default, or the seen-items horizon when that is shorter.
  LAGEBILD_NEWS_RETENTION_DAYS: setting(
    z
      .string()
      .refine((v) => /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 36_500, {
        error: `LAGEBILD_NEWS_RETENTION_DAYS must be a whole number of days from 1 to 36500 (default ${DEFAULT_NEWS_RETENTION_DAYS}, at most LAGEBILD_SEEN_HORIZON_DAYS).`,
      })
      .transform(Number)
      .optional(),
  ),
  LAGEBILD_NEWS_MAX_PER_FEED: integer('LAGEBILD_NEWS_MAX_PER_FEED', 10, 100_000, 1000),
  LAGEBILD_STORE_TIMEOUT_MS: integer('LAGEBILD_STORE_TIMEOUT_MS', 100, 60_000, 1500),
  LAGEBILD_HEALTH_PORT: setting(
    z
      .string()
      .refine((v) => /^\d+$/.test(v.trim()) && Number(v) <= 65535, {
        error: 'LAGEBILD_HEALTH_PORT must be a port number from 0 to 65535 (or leave it unset: no health endpoint in gateway mode).',
      })
      .transform(Number)
      .optional(),
  ),
});

export const SETTING_NAMES: readonly string[] = Object.keys(settingsSchema.shape);
