// News-feed items as publications: the poller reports each new item once; its id
// within the feed becomes part of the publication id, so the same item from the
// same feed is one publication however often it is seen.
import type { NewFeedItem } from '../feeds/feed-poller.js';
import { feedPublicationId, type Publication } from './publication.js';
import type { Publisher } from './publisher.js';

export function feedPublication({ feedUrl, item }: NewFeedItem): Publication {
  return {
    id: feedPublicationId(feedUrl, item.id),
    title: item.title,
    summary: item.summary,
    ...(item.link ? { link: item.link } : {}),
    ...(item.published ? { published: item.published } : {}),
    source: { kind: 'feed', feedUrl },
    declaredTopics: [],
  };
}

/** The poller's `onNewItem`: publishes the item; a failure rejects, and the poller reports it. */
export function publishFeedItems(publisher: Publisher): (newItem: NewFeedItem) => Promise<void> {
  return async (newItem) => {
    await publisher.publish(feedPublication(newItem));
  };
}
