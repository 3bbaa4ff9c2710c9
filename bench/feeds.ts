// Feed parsing throughput: decode + parse + normalise (HTML → text, links,
// identities) + Discord escaping, on generated RSS 2.0 and Atom feeds of 5,000
// items each with HTML-heavy descriptions, as large news sites produce them.
import { decodeFeed } from '../src/feeds/decode-feed.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import { escapeDiscordMarkdown } from '../src/feeds/sanitize-text.js';

const ITEMS = 5_000;
const RUNS = 3;

const TOPICS = [
  ['Armenien friert OVKS-Beteiligung ein', 'Jerewan', 'OVKS'],
  ['NATO summit agrees air-defence package', 'Washington', 'NATO'],
  ['Kasachstan richtet OVKS-Manöver aus', 'Karaganda', 'CSTO'],
  ['Sweden completes NATO accession', 'Stockholm', 'NATO'],
  ['OSZE-Haushalt bleibt blockiert', 'Wien', 'OSZE'],
] as const;

function description(index: number): string {
  const [title, city, org] = TOPICS[index % TOPICS.length]!;
  return (
    `<figure><img src="/img/${index}.jpg" alt="${city}"/><figcaption>Foto: Agentur</figcaption></figure>` +
    `<p><strong>${city}</strong> &ndash; ${title}. Die <a href="/thema/${org}">${org}</a> steht vor einer ` +
    `&bdquo;schwierigen Phase&ldquo;, sagen Diplomaten &amp; Fachleute.</p>` +
    `<ul><li>Hintergrund: Vertrag &uuml;ber kollektive Sicherheit</li><li>Mitglieder: 6</li></ul>` +
    `<p>Mehr dazu <em>im Liveblog</em> &raquo; [Video](https://video.example/${index}) @everyone</p>` +
    `<script>track(${index})</script>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function date(index: number): Date {
  return new Date(Date.UTC(2024, 0, 1) + index * 3_600_000);
}

function rss(): string {
  const items = Array.from({ length: ITEMS }, (_, index) => {
    const [title] = TOPICS[index % TOPICS.length]!;
    return (
      `<item><title>${escapeXml(`${title} <b>(${index})</b>`)}</title><link>/ost/artikel-${index}.html</link>` +
      `<guid isPermaLink="false">ost-${index}</guid><pubDate>${date(index).toUTCString()}</pubDate>` +
      `<description><![CDATA[${description(index)}]]></description></item>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lagebild Ost</title>` +
    `<link>https://nachrichten.example.de/ost/</link><description>Bench</description>${items.join('\n')}</channel></rss>`
  );
}

function atom(): string {
  const entries = Array.from({ length: ITEMS }, (_, index) => {
    const [title] = TOPICS[index % TOPICS.length]!;
    return (
      `<entry><id>tag:review.example.org,2024:${index}</id><title type="html">${escapeXml(`${title} <em>#${index}</em>`)}</title>` +
      `<link rel="alternate" type="text/html" href="news/${index}"/><published>${date(index).toISOString()}</published>` +
      `<updated>${date(index).toISOString()}</updated><summary type="html">${escapeXml(description(index))}</summary></entry>`
    );
  });
  return (
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://review.example.org/">` +
    `<title>Security Review</title><id>tag:review.example.org,2024:feed</id><updated>2024-07-01T00:00:00Z</updated>` +
    `${entries.join('\n')}</feed>`
  );
}

function pipeline(bytes: Uint8Array): number {
  const { text } = decodeFeed(bytes, 'application/xml');
  const feed = parseFeed(text, { baseUrl: 'https://nachrichten.example.de/ost/feed.xml', maxChars: bytes.byteLength });
  let escapedChars = 0;
  for (const item of feed.items) {
    escapedChars += escapeDiscordMarkdown(item.title).length + escapeDiscordMarkdown(item.summary).length;
  }
  if (feed.items.length !== ITEMS || escapedChars === 0) throw new Error(`expected ${ITEMS} items, got ${feed.items.length}`);
  return feed.items.length;
}

export function benchFeeds(print: (line: string) => void): void {
  for (const [name, document] of [
    ['RSS 2.0', rss()],
    ['Atom', atom()],
  ] as const) {
    const bytes = Buffer.from(document, 'utf8');
    pipeline(bytes); // warm-up
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      pipeline(bytes);
      times.push(performance.now() - started);
    }
    const best = Math.min(...times);
    const mb = bytes.byteLength / 1024 / 1024;
    print(
      `feeds ${name}: ${ITEMS} items, ${mb.toFixed(1)} MiB — best of ${RUNS}: ${best.toFixed(0)} ms, ` +
        `${Math.round(ITEMS / (best / 1000)).toLocaleString('en-US')} items/s, ${(mb / (best / 1000)).toFixed(1)} MiB/s`,
    );
  }
}
