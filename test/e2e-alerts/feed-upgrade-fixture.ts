// The feed behind test/fixtures/feed-upgrade/v1-primed.sqlite: that store was written
// by the code before the identity scheme changed (commit 03b1e44), after one poll of
// exactly this feed at exactly this address (feed state is kept per URL, so the port is
// fixed; it lies below Linux's ephemeral port range).
export const UPGRADE_FEED_PORT = 29417;
export const UPGRADE_FEED_PATH = '/upgrade.rss';

/** Items without a guid whose links carry tracking parameters: their ids change with the new scheme. */
export function upgradeFeed(): string {
  const items = [1, 2, 3, 4, 5].map(
    (n) =>
      `<item><title>OVKS-Meldung Nummer ${n}</title><link>https://ost.example.org/ovks-${n}.html?utm_source=rss&amp;utm_medium=feed</link>` +
      `<pubDate>Mon, 0${n} Dec 2026 08:00:00 +0100</pubDate><description>Bericht ${n} über die OVKS.</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ost-Archiv</title><link>https://ost.example.org/</link><description>Test</description>${items.join('')}</channel></rss>`;
}
