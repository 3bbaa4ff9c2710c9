// The alert as a Discord message: one embed with the publication's title, a short
// summary, its link and date, and the topics that matched, in the subscriber's
// language. Feed text is strangers' text: all of it is escaped, and nothing but
// the subscription's own role can be pinged.
import { createHash } from 'node:crypto';

import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';

import { resolveLink, toIsoDate } from '../feeds/link-and-date.js';
import { capText, escapeDiscordMarkdown } from '../feeds/sanitize-text.js';
import { t } from '../i18n/t.js';
import { LIMITS } from '../render/discord-limits.js';
import type { Publication } from './publication.js';
import type { Subscription } from './subscriptions.js';

const SUMMARY_MAX = 400;
const MAX_TOPIC_NAMES = 10;

/**
 * The years an embed timestamp is given for. Discord parses it into a Python datetime,
 * years 0001 to 9999, and refuses the whole message otherwise (400); JavaScript writes
 * later years as "+010000-…". Before 1970 we leave it out too: a news item dated then is
 * a feed's placeholder (0001-01-01, the epoch's eve), and nothing is lost by not showing it.
 */
const EMBED_YEARS = { from: 1970, to: 9999 };

/** The publication date as an embed timestamp, or undefined when it is missing, unreadable or out of range: the alert goes without it. */
export function embedTimestamp(published: string | undefined): string | undefined {
  const iso = toIsoDate(published);
  const year = iso === undefined ? undefined : /^(\d{4})-/.exec(iso)?.[1];
  if (year === undefined) return undefined;
  return Number(year) >= EMBED_YEARS.from && Number(year) <= EMBED_YEARS.to ? iso : undefined;
}

export interface AlertInput {
  publication: Publication;
  subscription: Subscription;
  /** Names of the matched topics in the subscription's language, the subscribed one first. */
  topicNames: readonly string[];
  deliveryId: string;
}

/** A nonce (≤ 25 characters) that is the same for every attempt of a delivery: Discord then posts it once. */
export function deliveryNonce(deliveryId: string): string {
  // 120 bits in base 36 take at most 24 characters.
  const hex = createHash('sha256').update(deliveryId).digest('hex').slice(0, 30);
  return BigInt(`0x${hex}`).toString(36);
}

/** Escaped text of at most `max` characters, cut before escaping so no escape is split. */
function escapedWithin(text: string, max: number): string {
  let budget = max;
  for (;;) {
    const escaped = escapeDiscordMarkdown(capText(text, budget));
    if (escaped.length <= max || budget <= 1) return escaped;
    // Shrink in proportion to how much escaping grew the text.
    budget = Math.min(budget - 1, Math.floor((budget * max) / escaped.length));
  }
}

export function alertMessage({ publication, subscription, topicNames, deliveryId }: AlertInput): RESTPostAPIChannelMessageJSONBody {
  const lang = subscription.language;
  const text = publication.translations?.[lang] ?? publication;
  const url = resolveLink(publication.link);
  const timestamp = embedTimestamp(publication.published);
  const names = topicNames.slice(0, MAX_TOPIC_NAMES).join(' · ');
  const embed: APIEmbed = {
    title: escapedWithin(text.title, LIMITS.embedTitle),
    ...(text.summary.trim() !== '' ? { description: escapedWithin(text.summary, SUMMARY_MAX) } : {}),
    ...(url ? { url } : {}),
    ...(timestamp ? { timestamp } : {}),
    ...(names !== '' ? { fields: [{ name: t(lang, 'label.topics'), value: escapedWithin(names, LIMITS.fieldValue) }] } : {}),
    footer: { text: t(lang, 'footer.brand') },
  };
  const { roleId } = subscription;
  return {
    ...(roleId ? { content: `<@&${roleId}>` } : {}),
    embeds: [embed],
    allowed_mentions: roleId ? { parse: [], roles: [roleId] } : { parse: [] },
    nonce: deliveryNonce(deliveryId),
    enforce_nonce: true,
  };
}
