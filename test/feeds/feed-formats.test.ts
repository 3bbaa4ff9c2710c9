// Formats and encodings end to end: served over HTTP, fetched, decoded, parsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeFeed } from '../../src/feeds/decode-feed.js';
import { FeedError } from '../../src/feeds/feed-error.js';
import { fetchFeed } from '../../src/feeds/fetch-feed.js';
import type { ParsedFeed } from '../../src/feeds/parse-feed.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { rejection } from '../support/rejection.js';
import type { TestServer } from './feed-test-server.js';
import { fixture, serve, startTestServer } from './feed-test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function load(path: string, body: Buffer, contentType: string): Promise<ParsedFeed & { encoding: string }> {
  server.route(path, serve(body, contentType));
  const result = await fetchFeed(server.url(path), { userAgent: 'lagebild-test' });
  if (result.status !== 'ok') throw new Error(`unexpected ${result.status}`);
  const { text, encoding } = decodeFeed(result.bytes, result.contentType);
  return { ...parseFeed(text, { baseUrl: result.finalUrl }), encoding };
}

async function loadError(path: string, body: Buffer, contentType: string): Promise<FeedError> {
  const error = await rejection(load(path, body, contentType));
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('feed formats', () => {
  it('reads RSS 2.0: HTML in titles reduced, relative links resolved, CDATA summaries as text', async () => {
    const feed = await load('/ost/feed.rss', fixture('rss2-sicherheit.xml'), 'application/rss+xml; charset=utf-8');
    expect(feed.title).toBe('Lagebild Ost & Kaukasus');
    expect(feed.link).toBe('https://nachrichten.example.de/ost/');
    const first = feed.items[0]!;
    expect(first.title).toBe('Armenien friert Beteiligung an der OVKS ein');
    expect(first.link).toBe(server.url('/ost/armenien-ovks-einfrieren-100.html'));
    expect(first.id).toBe('guid:nachrichten-ost-48213');
    expect(first.published).toBe('2024-06-17T06:30:00.000Z');
    expect(first.summary).toMatch(/^Premier Nikol Paschinjan kündigte an, Armenien werde/);
    expect(first.summary).toContain('reagiert zu haben. Hintergrund »');
    expect(first.summary).not.toMatch(/[<>]|&\w+;|\s{2}/);
    // Entity-encoded markup inside an RSS text field is markup, not text.
    expect(feed.items[1]!.summary).toBe(
      'Die Staats- und Regierungschefs der 32 Mitgliedstaaten einigten sich auf ein Paket „von historischem Umfang“.',
    );
  });

  it('RSS 2.0: a missing guid falls back to the link, a duplicate guid is one item, a URL guid is the link', async () => {
    const feed = await load('/ost/feed2.rss', fixture('rss2-sicherheit.xml'), 'application/rss+xml');
    const ids = feed.items.map((item) => item.id);
    expect(ids).toEqual([
      'guid:nachrichten-ost-48213',
      'guid:nachrichten-ost-48190',
      'link://nachrichten.example.de/ost/ovks-manoever-kasachstan-104.html',
      'guid:https://nachrichten.example.de/ost/kommentar-ovks-106.html',
    ]);
    // The first occurrence of the duplicated guid wins.
    expect(feed.items[1]!.title).toMatch(/^NATO-Gipfel in Washington/);
    const comment = feed.items[3]!;
    expect(comment.link).toBe('https://nachrichten.example.de/ost/kommentar-ovks-106.html');
    // content:encoded used when there is no description; script content dropped; headings separated.
    expect(comment.summary).toBe('Ein Bündnis ohne Beistand Seit dem Rückzug Armeniens stellt sich die Frage nach dem Zweck der Allianz.');
  });

  it('reads RSS 0.91 with a public DOCTYPE in ISO-8859-1', async () => {
    const feed = await load('/rundschau.xml', fixture('rss091-latin1.xml'), 'text/xml');
    expect(feed.encoding).toBe('windows-1252');
    expect(feed.title).toBe('Sicherheitspolitische Rundschau');
    expect(feed.items.map((item) => item.title)).toEqual([
      'Österreich prüft Beitritt zur European Sky Shield Initiative',
      'Schweden nach NATO-Beitritt: Gotland rückt in den Fokus',
    ]);
    expect(feed.items[0]!.summary).toContain('äußern Zweifel');
    expect(feed.items[0]!.published).toBeUndefined();
    expect(feed.items[0]!.id).toBe('link://rundschau.example.at/artikel/sky-shield-neutralitaet');
  });

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    const feed = await load('/kaukasus.rdf', fixture('rdf-kaukasus.rdf'), 'application/rdf+xml');
    expect(feed.title).toBe('Kaukasus-Monitor');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      id: 'guid:https://kaukasus-monitor.example.net/meldung/3312',
      keys: [
        'guid:https://kaukasus-monitor.example.net/meldung/3312',
        'link://kaukasus-monitor.example.net/meldung/3312',
        expect.stringMatching(/^title-date:/),
        expect.stringMatching(/^content:/),
      ],
      version: expect.any(String) as unknown,
      title: 'Jerewan und Baku einigen sich auf Grenzabschnitt bei Tawusch',
      link: 'https://kaukasus-monitor.example.net/meldung/3312',
      published: '2024-05-15T14:20:00.000Z',
      summary: 'Die Grenzkommissionen beider Staaten haben 12,7 Kilometer Grenze festgelegt.',
    });
  });

  it('reads Atom: text types, xml:base on feed and entry, alternate links, published or updated', async () => {
    const feed = await load('/news/atom.xml', fixture('atom-osce.xml'), 'application/atom+xml');
    expect(feed.title).toBe('Security Review – Eastern Europe & South Caucasus');
    // The site is the feed's alternate link, not its self link.
    expect(feed.link).toBe('https://security-review.example.org/news/');
    const [first, second, third] = feed.items;
    expect(first).toEqual({
      id: 'guid:tag:security-review.example.org,2024:news/2187',
      keys: [
        'guid:tag:security-review.example.org,2024:news/2187',
        'link://security-review.example.org/news/2024/06/armenia-csto-observers',
        expect.stringMatching(/^title-date:/),
        expect.stringMatching(/^content:/),
      ],
      version: expect.any(String) as unknown,
      title: 'Armenia formally asks CSTO to withdraw border observers',
      link: 'https://security-review.example.org/news/2024/06/armenia-csto-observers',
      published: '2024-06-20T12:10:00.000Z',
      summary: 'Yerevan says the CSTO mission — agreed in 2022 — never deployed.',
    });
    expect(second!.title).toBe('NATO at 75: what Washington decided');
    expect(second!.link).toBe('https://security-review.example.org/analysis/nato-75-washington');
    expect(second!.published).toBe('2024-07-11T22:30:00.000Z');
    expect(second!.summary).toMatch(/^The summit declaration calls Russia the most significant/);
    // type="text" is plain text: a literal "<" survives.
    expect(third!.title).toBe("Why the CSTO treaty's Article 4 < NATO's Article 5");
  });

  it('reads JSON Feed: relative url resolved, summary preferred, plain text kept literally', async () => {
    const feed = await load('/feed.json', fixture('feed.json'), 'application/feed+json');
    expect(feed.title).toBe('Baltic Defence Brief');
    expect(feed.link).toBe('https://baltic-brief.example.com/');
    expect(feed.items[0]).toMatchObject({
      id: 'guid:bdb-2024-0412',
      link: server.url('/2024/07/suwalki-gap-exercise'),
      published: '2024-07-09T05:30:00.000Z',
      summary: 'Troops from Poland, Lithuania and Germany trained to keep the corridor between Belarus and Kaliningrad open.',
    });
    expect(feed.items[1]!.summary).toBe("Minsk and Moscow stress 'Union State' readiness; <i> stays literal in plain text.");
  });
});

describe('items with nothing to show', () => {
  it('an item with no title, summary or usable link is left out and counted; one with only a link is titled by it', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
       <item><guid>empty</guid><link>javascript:alert(1)</link><description>  </description></item>
       <item><guid>link-only</guid><link>https://wire.example/only-a-link</link></item>
       <item><guid>titled</guid><title>Armenien und die OVKS</title></item>
       </channel></rss>`,
    );
    expect(feed.items.map((item) => [item.id, item.title])).toEqual([
      ['guid:link-only', 'https://wire.example/only-a-link'],
      ['guid:titled', 'Armenien und die OVKS'],
    ]);
    expect(feed.skipped).toBe(1);
    expect(feed.link).toBeUndefined();
  });
});

describe('encodings', () => {
  it('windows-1252 with smart quotes and the euro sign (declared in the XML)', async () => {
    const feed = await load('/1252.xml', fixture('rss-windows1252.xml'), 'application/rss+xml');
    expect(feed.encoding).toBe('windows-1252');
    expect(feed.items[0]!.title).toBe('„Zeitenwende“ kostet 100 Mrd. € – Sondervermögen fast verplant');
    expect(feed.items[0]!.summary).toBe('Das Verteidigungsministerium spricht von ‚gebundenen‘ Mitteln; der Bundesrechnungshof widerspricht…');
  });

  it('UTF-16 LE with a byte order mark, even when Content-Type claims otherwise', async () => {
    const feed = await load('/utf16.xml', fixture('rss-utf16le-bom.xml'), 'text/xml; charset=iso-8859-1');
    expect(feed.encoding).toBe('utf-16le');
    expect(feed.title).toBe('Новости ОДКБ — CSTO news digest');
    expect(feed.items[0]!.summary).toBe('Paschinjan blieb dem Gipfel fern; Ersatz aus Jerewan: keiner.');
  });

  it('a wrong XML declaration (ISO-8859-1 on UTF-8 bytes) does not produce mojibake', async () => {
    const feed = await load('/wrong.xml', fixture('rss-wrong-declaration.xml'), 'application/xml');
    expect(feed.encoding).toBe('utf-8');
    expect(feed.items[0]!.title).toBe('EU-Mission in Armenien: Mandat verlängert, Budget 26 Mio. €');
  });

  it('a Content-Type charset beats the XML declaration', async () => {
    const latin1 = fixture('rss091-latin1.xml');
    const relabelled = Buffer.from(latin1.toString('latin1').replace('ISO-8859-1', 'UTF-8'), 'latin1');
    const feed = await load('/relabelled.xml', relabelled, 'text/xml; charset=ISO-8859-1');
    expect(feed.items[0]!.title).toBe('Österreich prüft Beitritt zur European Sky Shield Initiative');
  });

  it('legacy bytes labelled UTF-8 fall back to windows-1252 instead of replacement characters', async () => {
    const feed = await load('/mislabelled.xml', fixture('rss-windows1252.xml'), 'application/rss+xml; charset=utf-8');
    expect(feed.items[0]!.title).toContain('„Zeitenwende“ kostet 100 Mrd. €');
  });

  it('an encoding label nobody knows is ignored', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel><title>Jerewan ✓</title></channel></rss>');
    const { text, encoding } = decodeFeed(bytes, 'text/xml; charset=bogus');
    expect(encoding).toBe('utf-8');
    expect(text).toContain('Jerewan ✓');
  });

  it('UTF-16 without a BOM is recognised from the layout of "<?xml"', () => {
    const bytes = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>ОДКБ</title></channel></rss>', 'utf16le');
    expect(decodeFeed(bytes).text).toContain('<title>ОДКБ</title>');
  });
});

describe('documents that are not (whole) feeds', () => {
  it('an HTML page is not-a-feed', async () => {
    const error = await loadError('/page.html', fixture('html-page.html'), 'text/html; charset=utf-8');
    expect(error.kind).toBe('not-a-feed');
  });

  it('JSON that is not a JSON Feed is not-a-feed; broken JSON is a parse error', () => {
    expect(() => parseFeed('{"status":"ok","articles":[]}')).toThrow(expect.objectContaining({ kind: 'not-a-feed' }));
    expect(() => parseFeed('{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[{"id":"1"')).toThrow(
      expect.objectContaining({ kind: 'parse' }),
    );
  });

  it('truncated XML is a parse error, not a partial item list', async () => {
    const error = await loadError('/truncated.xml', fixture('truncated.xml'), 'application/rss+xml');
    expect(error.kind).toBe('parse');
    // Cut in the middle of a tag as well as between elements.
    const cutMidTag = fixture('rss2-sicherheit.xml').toString('utf8').slice(0, 700);
    expect(() => parseFeed(cutMidTag)).toThrow(expect.objectContaining({ kind: 'parse' }));
  });

  it('a billion-laughs document is refused quickly, without expanding anything', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = await loadError('/lol.xml', fixture('billion-laughs.xml'), 'application/rss+xml');
    expect(error.kind).toBe('parse');
    expect(error.message).toMatch(/entit/i);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('an external entity is refused and never fetched', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "${server.url('/secret')}">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
    const before = server.requests.length;
    expect(() => parseFeed(xxe)).toThrow(expect.objectContaining({ kind: 'parse' }));
    expect(server.requests.slice(before).some((request) => request.path === '/secret')).toBe(false);
  });

  it('refuses input above the size cap before parsing it', () => {
    const big = `<rss version="2.0"><channel><title>${'x'.repeat(2000)}</title></channel></rss>`;
    expect(() => parseFeed(big, { maxChars: 1000 })).toThrow(expect.objectContaining({ kind: 'too-large' }));
  });
});
