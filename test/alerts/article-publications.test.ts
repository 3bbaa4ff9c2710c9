// Articles published while the store refuses writes are not forgotten: they wait in
// memory in publication order and are retried with backoff until the store takes them,
// with no further reload needed.
import { expect, it } from 'vitest';

import { createArticlePublications } from '../../src/alerts/article-publications.js';
import type { Publisher } from '../../src/alerts/publisher.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { Dataset, KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { openStore } from '../../src/store/open-store.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { loadDataFolder } from './alert-fixtures.js';

const dataset: Dataset = await loadDataFolder();
const seed = dataset.articles[0];
if (seed === undefined) throw new Error('the data folder has no articles');

const withArticles = (...ids: string[]): KnowledgeBase => {
  const added = ids.map((id) => ({ ...seed, id, date: '2025-01-10' }));
  return createKnowledgeBase({ ...dataset, articles: [...dataset.articles, ...added] });
};

/** A publisher whose store is down while `down` is true; records what it published, in order. */
function flakyPublisher() {
  const state = { down: false, published: [] as string[], attempts: 0 };
  const publisher: Publisher = {
    publish(publication) {
      state.attempts += 1;
      if (state.down) return Promise.reject(new StoreUnavailableError('the redis store is unavailable: The client is offline'));
      state.published.push(publication.id);
      return Promise.resolve({ status: 'queued', topics: [], deliveries: 0 });
    },
    recordWithoutAlert: () => (state.down ? Promise.reject(new StoreUnavailableError('down')) : Promise.resolve(true)),
  };
  return { state, publisher };
}

it('retries articles the store refused, in publication order, without another reload', async () => {
  const store = await openStore('sqlite::memory:');
  try {
    const { state, publisher } = flakyPublisher();
    const articles = createArticlePublications(store, publisher, { retry: { baseMs: 20, maxMs: 100 } });
    expect((await articles.onKnowledgeReload(createKnowledgeBase(dataset))).baseline).toBe(true);

    state.down = true;
    await expect(articles.onKnowledgeReload(withArticles('first'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(articles.onKnowledgeReload(withArticles('first', 'second'))).rejects.toBeInstanceOf(StoreUnavailableError);
    // Still down: the retries keep failing, and nothing is published.
    await expect.poll(() => state.attempts, { timeout: 5000, interval: 10 }).toBeGreaterThan(3);
    expect(state.published).toEqual([]);

    state.down = false;
    await expect.poll(() => state.published, { timeout: 5000, interval: 10 }).toEqual(['article:first', 'article:second']);

    // Recorded once: a later reload publishes nothing again.
    expect(await articles.onKnowledgeReload(withArticles('first', 'second'))).toEqual({ baseline: false, published: [] });
    articles.stop();
  } finally {
    await store.close();
  }
});

it('stops retrying after stop()', async () => {
  const store = await openStore('sqlite::memory:');
  try {
    const { state, publisher } = flakyPublisher();
    const articles = createArticlePublications(store, publisher, { retry: { baseMs: 20, maxMs: 20 } });
    await articles.onKnowledgeReload(createKnowledgeBase(dataset));
    state.down = true;
    await expect(articles.onKnowledgeReload(withArticles('first'))).rejects.toBeInstanceOf(StoreUnavailableError);
    articles.stop();
    const attempts = state.attempts;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(state.attempts).toBe(attempts);
  } finally {
    await store.close();
  }
});
