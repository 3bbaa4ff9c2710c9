// Which item is "the same" from one poll to the next decides whether an alert is
// posted twice. This module is the one definition; the feed poller (alerts) and
// stored news items use it alike. README "Feed item identity" says it for operators.
//
// An item is known by several keys, strongest first:
//   1. `guid:`       its guid (RSS guid, Atom id, JSON Feed id, RDF rdf:about);
//   2. `link:`       its link, normalised (normaliseLink below: tracking parameters,
//                    fragment, scheme and the order of parameters do not count);
//   3. `title-date:` its title together with its date, when it has a date;
//   4. `content:`    a hash of its title and summary.
// An item whose key of any kind was seen before is that item again (so a guid or a
// link query that changes on every fetch does not make a new item, as long as one
// other key holds still); if its title or summary differ from what was seen (its
// `version`), it is an update. Only an item none of whose keys was seen is new.
// Keys that several items of one fetch share identify none of them (feed-poller.ts
// drops them), so a feed whose items all link to its front page stays apart.
import { createHash } from 'node:crypto';

import { toIsoDate } from './link-and-date.js';

/**
 * Bump whenever the keys of an unchanged item could come out differently: feeds
 * recorded under another scheme are then re-primed (their items recorded again
 * without alerting) on their next poll. 1 was the guid-or-link-or-hash id of old,
 * which was not stored with the feed state.
 */
export const IDENTITY_SCHEME = 2;

export interface IdentitySource {
  /** RSS guid, Atom id, JSON Feed id, RDF rdf:about. */
  guid?: string | undefined;
  /** The resolved article link (absolute http(s)). */
  link?: string | undefined;
  /** Plain text, as the alert shows it. */
  title: string;
  /** As the feed wrote it. */
  date?: string | undefined;
  /** Plain text, as the alert shows it. */
  summary?: string | undefined;
}

export interface ItemIdentity {
  /** The item's id within its feed: the first of `keys`. */
  id: string;
  /** Every key the item can be recognised by, strongest first (at least one). */
  keys: string[];
  /** Changes when the title or the summary does: tells an update from an unchanged item. */
  version: string;
}

/**
 * Query parameters that say where a reader came from or defeat caches, never which
 * article it is: analytics campaign tags (Google `utm_*`, `_ga`, `_gl`, `gclid`, …; AT
 * Internet `at_*`, `xtor`; Webtrekk `wt_*`; Mailchimp `mc_cid`, `mc_eid`; HubSpot
 * `_hs*`), click ids of ad networks and social sites, `ref`/`ref_src`, and the usual
 * cache busters (`_`, `ts`, `timestamp`, `cachebuster`). A short name such as `t` or
 * `id` is kept: it often is the article. A parameter that changes on every fetch
 * and is not listed here changes the link key; the title-and-date key still holds.
 */
const TRACKING_PARAMETER =
  /^(?:utm_\w*|at_\w*|wt_\w*|_hs\w*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|li_fat_id|igshid|mc_cid|mc_eid|_ga|_gl|mkt_tok|xtor|ref|ref_src|ref_url|ns_source|ns_mchannel|ns_campaign|ns_linkname|ns_fee|_|ts|timestamp|cachebuster)$/i;

/**
 * The link as an identity: scheme-less (`http` and `https` are the same article),
 * host lowercased, default port, fragment and tracking parameters dropped, the
 * remaining parameters sorted. Undefined for anything that is not an http(s) URL.
 */
export function normaliseLink(link: string | undefined): string | undefined {
  if (link === undefined || !URL.canParse(link.trim())) return undefined;
  const url = new URL(link.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const params = [...url.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  params.sort(([a, x], [b, y]) => (a === b ? compare(x, y) : compare(a, b)));
  const query = new URLSearchParams(params).toString();
  // A default port depends on the scheme, which is dropped: leave it out for both.
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  return `//${url.hostname}${port}${url.pathname}${query === '' ? '' : `?${query}`}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case and runs of whitespace do not make another title. */
function textKey(text: string | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22);
}

export function itemIdentity(source: IdentitySource): ItemIdentity {
  const keys: string[] = [];
  const guid = source.guid?.trim();
  if (guid) keys.push(`guid:${guid}`);
  const link = normaliseLink(source.link);
  if (link !== undefined) keys.push(`link:${link}`);
  const title = textKey(source.title);
  const date = source.date?.trim();
  if (date) keys.push(`title-date:${digest(title, toIsoDate(date) ?? date)}`);
  const content = `content:${digest(title, textKey(source.summary))}`;
  keys.push(content);
  return { id: keys[0] ?? content, keys, version: digest(source.title, source.summary ?? '') };
}
