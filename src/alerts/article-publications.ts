// Our own articles as publications: each reload of the knowledge base publishes the
// articles not published before. The first start over a data folder takes a
// baseline instead (records every article there, alerts nothing): an existing
// archive is not news. Articles the store could not take (an outage) wait in memory,
// in order, and are retried with backoff until it takes them.
import type { Language } from '../i18n/language.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Article } from '../knowledge/schema.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { type Backoff, backoffDelay } from '../util/backoff.js';
import { articlePublicationId, type Publication, type PublicationText } from './publication.js';
import type { Publisher, PublishResult } from './publisher.js';

const META = 'alerts-meta';
const BASELINE_KEY = 'article-baseline';

export function articlePublication(article: Article): Publication {
  const text = (lang: Language): PublicationText => ({
    title: article.title[lang],
    summary: article.summary.map((point) => point.text[lang]).join(' '),
  });
  return {
    id: articlePublicationId(article.id),
    title: article.title.original,
    summary: text(article.language).summary,
    ...(article.url ? { link: article.url } : {}),
    published: article.date,
    source: { kind: 'article', articleId: article.id },
    declaredTopics: [...new Set([...article.topics, ...article.entities])],
    translations: { de: text('de'), en: text('en') },
  };
}

export interface ArticleReloadResult {
  /** True when this reload took the folder's baseline (and alerted nothing). */
  baseline: boolean;
  published: { articleId: string; result: PublishResult }[];
}

export interface ArticlePublications {
  /**
   * Publishes the articles of `kb` not recorded yet, oldest first. Rejects if the store
   * fails; those articles then stay pending in memory, in order, and are retried with
   * backoff until the store takes them (or the next reload comes first).
   */
  onKnowledgeReload(kb: KnowledgeBase): Promise<ArticleReloadResult>;
  /** Stops retrying (shutdown). What is still pending is published on the next start. */
  stop(): void;
}

export interface ArticlePublicationsOptions {
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Backoff between retries while the store refuses (default 1 s doubling up to 30 s). */
  retry?: Pick<Backoff, 'baseMs' | 'maxMs'>;
}

const DEFAULT_RETRY = { baseMs: 1000, maxMs: 30_000 };

export function createArticlePublications(store: Store, publisher: Publisher, options: ArticlePublicationsOptions = {}): ArticlePublications {
  const { logger } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const meta = store.namespace<{ at: string; articles: number }>(META);
  /** Article ids recorded in the store by this process; the store remains the authority. */
  const handled = new Set<string>();
  /** Articles seen in the data but not recorded yet, in publication order: what a store outage holds back. */
  const pending: Article[] = [];
  const pendingIds = new Set<string>();
  let baselineTaken = false;
  let queue: Promise<unknown> = Promise.resolve();
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  function notice(kb: KnowledgeBase): void {
    // Oldest first, so channels get alerts in publication order; a later reload's articles after an earlier one's.
    for (const article of [...kb.articles].reverse()) {
      if (handled.has(article.id) || pendingIds.has(article.id)) continue;
      pending.push(article);
      pendingIds.add(article.id);
    }
  }

  function recorded(article: Article): void {
    pending.shift();
    pendingIds.delete(article.id);
    handled.add(article.id);
  }

  /** Records the pending articles in order; a failure leaves the rest pending. */
  async function drain(): Promise<ArticleReloadResult> {
    if (!baselineTaken) baselineTaken = await meta.has(BASELINE_KEY);
    if (!baselineTaken) {
      let article: Article | undefined;
      while ((article = pending[0]) !== undefined) {
        await publisher.recordWithoutAlert(articlePublicationId(article.id));
        recorded(article);
      }
      // Set last: a crash midway takes the baseline again on the next start.
      await meta.set(BASELINE_KEY, { at: new Date().toISOString(), articles: handled.size });
      baselineTaken = true;
      return { baseline: true, published: [] };
    }
    const published: ArticleReloadResult['published'] = [];
    let article: Article | undefined;
    while ((article = pending[0]) !== undefined) {
      published.push({ articleId: article.id, result: await publisher.publish(articlePublication(article)) });
      recorded(article);
    }
    return { baseline: false, published };
  }

  /** One drain at a time, so two quick reloads cannot both take the baseline half-way, and order holds. */
  function inTurn(task: () => Promise<ArticleReloadResult>): Promise<ArticleReloadResult> {
    const next = queue.then(task);
    queue = next.then(succeeded, failed);
    return next;
  }

  function succeeded(): void {
    if (failures > 0) logger?.info({ failures }, 'articles held back by a store outage are recorded now');
    failures = 0;
    if (pending.length === 0 && retryTimer !== undefined) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
    }
  }

  function failed(error: unknown): void {
    failures += 1;
    if (stopped || pending.length === 0 || retryTimer !== undefined) return;
    const delay = backoffDelay({ failures, ...retry });
    logger?.warn(
      { err: error, pending: pending.length, failures, retryAt: new Date(Date.now() + delay).toISOString() },
      'new articles not recorded yet: the store is unavailable; retrying',
    );
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      // Its outcome goes through succeeded/failed like any drain; nobody else awaits it.
      inTurn(drain).catch(() => undefined);
    }, delay);
  }

  return {
    onKnowledgeReload(kb) {
      return inTurn(() => {
        notice(kb);
        return drain();
      });
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
    },
  };
}
