// Laid-out pages of recent replies, kept per knowledge base: a page button or
// a repeated question costs a lookup instead of building and laying out the
// whole document again. Keyed by the knowledge base object (a WeakMap), so
// new data after a reload starts empty and the old pages go with the old data.
//
// A reply is kept from the second time it is asked for (a page press counts):
// most questions are asked once, and keeping their pages would only make every
// young-generation garbage collection copy them, a pause of milliseconds that
// lands in some unlucky reply.
import type { APIEmbed } from 'discord-api-types/v10';

import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { embedLength } from './discord-limits.js';
import { allPages, madePages, type Pages } from './document.js';

/**
 * Characters kept per knowledge base (about 8 MB of strings). A capped profile
 * is at most about 120,000 characters, a typical one a tenth of that, so this
 * holds the last few hundred replies.
 */
export const MAX_CACHED_CHARACTERS = 4_000_000;
// Counted for every entry besides its text, so that countless empty results
// (searches that found nothing) cannot pile up either.
const ENTRY_OVERHEAD = 256;

interface Entry {
  pages: Pages;
  size: number;
}

/** Least recently used first (a Map keeps insertion order; a hit moves its entry to the end). */
interface Cache {
  entries: Map<string, Entry>;
  size: number;
  /** Keys asked for once and not kept yet, oldest first. */
  seen: Set<string>;
}

/** Keys remembered as asked for once (a few hundred kilobytes). */
export const MAX_SEEN_KEYS = 10_000;

const caches = new WeakMap<KnowledgeBase, Cache>();

/** Pages are shared between replies, so nothing may change them. */
function frozen(pages: APIEmbed[]): readonly APIEmbed[] {
  for (const embed of pages) {
    for (const field of embed.fields ?? []) Object.freeze(field);
    Object.freeze(embed.fields);
    Object.freeze(embed.footer);
    Object.freeze(embed);
  }
  return Object.freeze(pages);
}

/**
 * The pages stored under `key` for this knowledge base, laid out by `layout`
 * on a miss; made and kept when the key was asked for before.
 */
export function cachedPages(kb: KnowledgeBase, key: string, layout: () => Pages): Pages {
  let cache = caches.get(kb);
  if (cache === undefined) {
    cache = { entries: new Map(), size: 0, seen: new Set() };
    caches.set(kb, cache);
  }
  const hit = cache.entries.get(key);
  if (hit !== undefined) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.pages;
  }
  if (!cache.seen.delete(key)) {
    remember(cache.seen, key);
    return layout();
  }
  const embeds = frozen(allPages(layout()));
  const pages = madePages(embeds);
  const entry = { pages, size: ENTRY_OVERHEAD + key.length + embeds.reduce((sum, embed) => sum + embedLength(embed), 0) };
  for (const [oldKey, old] of cache.entries) {
    if (cache.size + entry.size <= MAX_CACHED_CHARACTERS) break;
    cache.entries.delete(oldKey);
    cache.size -= old.size;
  }
  // A reply larger than the whole budget is served but not kept.
  if (entry.size <= MAX_CACHED_CHARACTERS) {
    cache.entries.set(key, entry);
    cache.size += entry.size;
  }
  return pages;
}

function remember(seen: Set<string>, key: string): void {
  if (seen.size >= MAX_SEEN_KEYS) seen.delete(seen.values().next().value!);
  seen.add(key);
}
