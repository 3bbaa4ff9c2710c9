// Stored news follows the knowledge base: when a reload changes what an item can be
// about (a curator adds an entity, an alias or a topic, or removes one), every stored
// item is matched again and the items whose matches changed are written back, so
// `/news X` also lists the headlines about X read before X was known. The store keeps
// the vocabulary the stored matches were made with (a fingerprint), so a start after
// the data changed while the bot was down matches again too, and an unchanged start
// costs one read. One process at a time does the work (a lease); the others see its
// writes at their next news sync. Items read meanwhile are matched by the ingest with
// the current data, so nothing is left behind.
import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { NewsItem } from '../knowledge/news-index.js';
import { namedRecords } from '../knowledge/topic-matcher.js';
import type { NewsReplacement, Store } from '../store/store.js';
import { matchesOf } from './news-ingest.js';
import { checkStoredNews } from './news-record.js';
import type { NewsSync } from './news-sync.js';

/** Raise when the matching rules (topic-matcher.ts) change what a text names: stored items are then matched again. */
const MATCHING_RULES_VERSION = 1;
const NAMESPACE = 'news';
const FINGERPRINT_KEY = 'matched-with';
const LEASE = 'news:rematch';
/** Long enough for 100,000 items on a slow store; renewed per page. */
const LEASE_MS = 5 * 60_000;
/** Items matched, and at most written, per step; the event loop turns between steps. */
const PAGE = 500;
/** The process holding the work may stop before it finishes: look again this much later. */
const RETRY_MS = 60_000;

export interface NewsRematchLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface NewsRematchDeps {
  store: Store;
  news: Pick<NewsSync, 'refresh'>;
  log: NewsRematchLog;
  /** This process, as lease holder. */
  holder: string;
  /** The knowledge base in service: a run for an older one stops (the newer one's run follows). */
  current: () => KnowledgeBase;
  /** After a run that could not finish (another process held the work, or the store failed), when to look again. */
  retryMs?: number;
}

export interface RematchOutcome {
  /** Items matched again. */
  checked: number;
  /** Items whose matches changed, written back (an item another writer changed meanwhile is left to it). */
  changed: number;
}

export interface NewsRematch {
  /**
   * Matches stored items again if `kb` names other things than they were matched with.
   * Undefined when nothing was to do, another process does it, or a newer knowledge base
   * replaced `kb` meanwhile. Runs one after another; never rejects (problems are logged).
   * Where another process holds the work, or the store failed, it looks again later (while
   * `kb` is in service), so the work is done even if that process stops before finishing.
   */
  run(kb: KnowledgeBase): Promise<RematchOutcome | undefined>;
}

/** What the stored matches depend on: every name and alias of every topic and entity, and the rules. */
export function vocabularyFingerprint(kb: KnowledgeBase): string {
  const records = namedRecords(kb)
    .map(({ id, names, topic }) => [id, topic === true, [...names].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([MATCHING_RULES_VERSION, records]))
    .digest('hex');
}

export function createNewsRematch(deps: NewsRematchDeps): NewsRematch {
  const { store, log } = deps;
  let chain: Promise<unknown> = Promise.resolve();

  let retry: NodeJS.Timeout | undefined;
  const retryLater = (kb: KnowledgeBase): void => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      if (deps.current() === kb) void run(kb);
    }, deps.retryMs ?? RETRY_MS);
    retry.unref();
  };

  async function rematch(kb: KnowledgeBase): Promise<RematchOutcome | undefined> {
    const fingerprint = vocabularyFingerprint(kb);
    const marks = store.namespace<string>(NAMESPACE);
    if ((await marks.get(FINGERPRINT_KEY)) === fingerprint) return undefined;
    if (!(await store.acquireLease(LEASE, deps.holder, LEASE_MS))) {
      retryLater(kb);
      return undefined;
    }
    try {
      const outcome: RematchOutcome = { checked: 0, changed: 0 };
      // Every item stored up to now, read as the store holds it: the store replaces only
      // what is still that very text, so an item a poller updated meanwhile stays as the
      // poller wrote it, and an item an older build wrote in another shape is matched too.
      // Later items, and those written back here, were matched with this data.
      const ceiling = (await deps.news.refresh()).version;
      let after = 0;
      while (after < ceiling) {
        if (deps.current() !== kb) return undefined;
        const { changes } = await store.newsChanges(after, PAGE);
        if (changes.length === 0) break;
        after = changes[changes.length - 1]!.seq;
        const replacements: NewsReplacement[] = [];
        for (const change of changes) {
          if (change.item === undefined || change.seq > ceiling) continue;
          // A malformed item is skipped here as the news sync skips it.
          const item = checkStoredNews(change.id, change.item)?.item;
          if (item === undefined) continue;
          outcome.checked++;
          const matches = matchesOf(kb, item);
          if (sameIds(matches.entities, item.entities) && sameIds(matches.topics, item.topics)) continue;
          replacements.push({ id: item.id, expected: change.item, item: JSON.stringify({ ...item, ...matches } satisfies NewsItem) });
        }
        if (replacements.length > 0) outcome.changed += (await store.replaceNews(replacements)).filter(Boolean).length;
        await store.acquireLease(LEASE, deps.holder, LEASE_MS);
        await yieldToEventLoop();
      }
      await marks.set(FINGERPRINT_KEY, fingerprint);
      if (outcome.changed > 0) await deps.news.refresh();
      if (outcome.checked > 0) log.info(outcome, 'stored news matched again with the changed data');
      return outcome;
    } finally {
      await store.releaseLease(LEASE, deps.holder).catch(() => false);
    }
  }

  function run(kb: KnowledgeBase): Promise<RematchOutcome | undefined> {
    const next = chain.then(
      () => rematch(kb),
      () => rematch(kb),
    );
    chain = next;
    return next.catch((error: unknown) => {
      log.warn({ err: error }, 'stored news could not be matched again with the changed data; trying again later');
      retryLater(kb);
      return undefined;
    });
  }

  return { run };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
