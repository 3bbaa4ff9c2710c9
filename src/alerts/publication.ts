// Something that may deserve an alert: one of our articles or a news-feed item.
// Its id is stable, so the same thing seen twice (a restart, a second poller)
// is recognised and never alerts again.
import { createHash } from 'node:crypto';

import type { Language } from '../i18n/language.js';

export type PublicationSource = { kind: 'article'; articleId: string } | { kind: 'feed'; feedUrl: string };

export interface PublicationText {
  title: string;
  summary: string;
}

export interface Publication {
  /** 'article:<articleId>' or 'feed:<sha256(feedUrl)[:12]>:<itemId>'. */
  id: string;
  title: string;
  /** Plain text; may be empty. */
  summary: string;
  link?: string;
  /** ISO 8601 (or YYYY-MM-DD). */
  published?: string;
  source: PublicationSource;
  /** Topic and entity ids the source itself names (our articles do; feed items do not). */
  declaredTopics: string[];
  /** Title and summary per language, where the source has them (our articles): alerts use the subscriber's. */
  translations?: Partial<Record<Language, PublicationText>>;
}

export function articlePublicationId(articleId: string): string {
  return `article:${articleId}`;
}

/** The feed URL is hashed: ids stay short and safe in store keys whatever the URL holds. */
export function feedPublicationId(feedUrl: string, itemId: string): string {
  return `feed:${feedKey(feedUrl)}:${itemId}`;
}

export function feedKey(feedUrl: string): string {
  return createHash('sha256').update(feedUrl).digest('hex').slice(0, 12);
}
