// Our own articles as publications: each reload of the knowledge base publishes the
// articles not published before. The first start over a data folder takes a
// baseline instead (records every article there, alerts nothing): an existing
// archive is not news.
import type { Language } from '../i18n/language.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Article } from '../knowledge/schema.js';
import type { Store } from '../store/store.js';
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
  onKnowledgeReload(kb: KnowledgeBase): Promise<ArticleReloadResult>;
}

export function createArticlePublications(store: Store, publisher: Publisher): ArticlePublications {
  const meta = store.namespace<{ at: string; articles: number }>(META);
  /** Article ids this process already handled; the store remains the authority. */
  const handled = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  async function reload(kb: KnowledgeBase): Promise<ArticleReloadResult> {
    // Oldest first, so channels get alerts in publication order.
    const fresh = [...kb.articles].reverse().filter((article) => !handled.has(article.id));
    if (!(await meta.has(BASELINE_KEY))) {
      for (const article of fresh) {
        await publisher.recordWithoutAlert(articlePublicationId(article.id));
        handled.add(article.id);
      }
      // Set last: a crash midway takes the baseline again on the next start.
      await meta.set(BASELINE_KEY, { at: new Date().toISOString(), articles: fresh.length });
      return { baseline: true, published: [] };
    }
    const published: ArticleReloadResult['published'] = [];
    for (const article of fresh) {
      published.push({ articleId: article.id, result: await publisher.publish(articlePublication(article)) });
      handled.add(article.id);
    }
    return { baseline: false, published };
  }

  return {
    onKnowledgeReload(kb) {
      // One reload at a time, so two quick reloads cannot both take the baseline half-way.
      const next = queue.then(() => reload(kb));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
