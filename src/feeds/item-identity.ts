// Which item is "the same" from one poll to the next decides whether an alert
// is posted twice. Publishers edit titles and dates; they rarely change a
// guid or a permalink, so those come first and the date never enters an id
// when either exists.
import { createHash } from 'node:crypto';

export interface IdentitySource {
  /** RSS guid, Atom id, JSON Feed id, RDF rdf:about. */
  guid?: string | undefined;
  /** The resolved article link. */
  link?: string | undefined;
  title: string;
  /** As the feed wrote it; only used when there is neither guid nor link. */
  date?: string | undefined;
}

/** A stable id for an item within its feed, prefixed with what it was made from. */
export function itemIdentity(source: IdentitySource): string {
  const guid = source.guid?.trim();
  if (guid) return `guid:${guid}`;
  const link = source.link?.trim();
  if (link) return `link:${link}`;
  const digest = createHash('sha256')
    .update(`${source.title}\n${source.date ?? ''}`)
    .digest('base64url');
  return `hash:${digest.slice(0, 22)}`;
}
