// What the poller remembers of a feed's items, and how one fetch's items are told
// apart into new, updated and unchanged by the rules of item-identity.ts.
//
// Each identity key of an item is stored on its own, pointing to the item's record
// (its id and version), so an item is found by any key that held still. Entries
// expire after the seen-items horizon unless the item is seen again: a record is
// refreshed when it is older than `refreshAfterMs`. A key that only ever appears
// once (a guid rotated on every fetch) is not written when an item was recognised
// by a weaker key, or every poll would add an entry per item.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import type { FeedItem } from './parse-feed.js';

export interface SeenRecord {
  /** The id the item had when it was first seen (its publication id within the feed). */
  id: string;
  /** The item's version (item-identity.ts) when last recorded. */
  version: string;
  /** When the record was last written (epoch ms). */
  at: number;
}

/** The seen-items index of every feed; `claim` must be atomic (set-if-absent) if two pollers share it. */
export interface SeenItems {
  /** The record an identity key of the feed's items was last written with. */
  recall(url: string, key: string): Promise<SeenRecord | undefined>;
  /** Writes `key` unless it is there: true for exactly one of concurrent callers. */
  claim(url: string, key: string, record: SeenRecord): Promise<boolean>;
  /** Writes (or refreshes) `key`. */
  remember(url: string, key: string, record: SeenRecord): Promise<void>;
  /** Records older than this are written again when their item is seen (default one day). */
  readonly refreshAfterMs?: number;
}

export type Sighting =
  | { status: 'new'; item: FeedItem }
  | { status: 'updated'; item: FeedItem; record: SeenRecord }
  | { status: 'unchanged'; item: FeedItem; record?: SeenRecord };

const DAY_MS = 24 * 60 * 60 * 1000;

interface Match {
  record: SeenRecord;
  /** Index into the item's usable keys of the key that found it. */
  rank: number;
}

/** The keys of each item that no other item of the same fetch has. */
function identifyingKeys(items: readonly FeedItem[]): string[][] {
  const owners = new Map<string, number>();
  for (const item of items) for (const key of new Set(item.keys)) owners.set(key, (owners.get(key) ?? 0) + 1);
  // Ids are unique within a fetch (parse-feed.ts), so an item left without keys keeps its id.
  return items.map((item) => {
    const keys = [...new Set(item.keys)].filter((key) => owners.get(key) === 1);
    return keys.length > 0 ? keys : [item.id];
  });
}

/**
 * Classifies one fetch's items (in feed order) and records them: a new item is
 * claimed under its keys before this returns, so it is never reported new twice.
 */
/**
 * Items sighted between two turns of the event loop: a feed of tens of thousands of items is
 * recorded without holding up an interaction or a health check for long (each item costs a
 * few store calls, well under a millisecond on SQLite).
 */
const BATCH = 100;

export async function sightItems(url: string, items: readonly FeedItem[], seen: SeenItems, now: number): Promise<Sighting[]> {
  const found: { item: FeedItem; keys: string[]; match: Match | undefined }[] = [];
  for (const [index, keys] of identifyingKeys(items).entries()) {
    if (index > 0 && index % BATCH === 0) await yieldToEventLoop();
    const item = items[index];
    if (item !== undefined) found.push({ item, keys, match: await findRecord(url, keys, seen) });
  }

  // Two items of one fetch cannot both be one record: the one found by the stronger key keeps it.
  const holder = new Map<string, Match>();
  for (const { match } of found) {
    if (match === undefined) continue;
    const other = holder.get(match.record.id);
    if (other === undefined || match.rank < other.rank) holder.set(match.record.id, match);
  }

  const refreshAfterMs = seen.refreshAfterMs ?? DAY_MS;
  const sightings: Sighting[] = [];
  for (const [index, { item, keys, match }] of found.entries()) {
    if (index > 0 && index % BATCH === 0) await yieldToEventLoop();
    if (match !== undefined && holder.get(match.record.id) === match) {
      const { record, rank } = match;
      const updated = record.version !== item.version;
      if (updated || now - record.at >= refreshAfterMs) {
        const next: SeenRecord = { id: record.id, version: item.version, at: now };
        for (const key of keys.slice(rank)) await seen.remember(url, key, next);
      }
      sightings.push(updated ? { status: 'updated', item, record } : { status: 'unchanged', item, record });
      continue;
    }
    const record: SeenRecord = { id: item.id, version: item.version, at: now };
    const [first, ...rest] = keys;
    // Another poller sharing the store claimed it first: it reports the item, not us.
    if (first === undefined || !(await seen.claim(url, first, record))) {
      sightings.push({ status: 'unchanged', item });
      continue;
    }
    for (const key of rest) await seen.remember(url, key, record);
    sightings.push({ status: 'new', item });
  }
  return sightings;
}

async function findRecord(url: string, keys: readonly string[], seen: SeenItems): Promise<Match | undefined> {
  for (const [rank, key] of keys.entries()) {
    const record = await seen.recall(url, key);
    if (record !== undefined) return { record, rank };
  }
  return undefined;
}
