import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeFeed } from '../../src/feeds/decode-feed.js';
import { fetchFeed } from '../../src/feeds/fetch-feed.js';
import type { FeedItem } from '../../src/feeds/parse-feed.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { capText, escapeDiscordMarkdown, htmlToText } from '../../src/feeds/sanitize-text.js';
import type { TestServer } from './feed-test-server.js';
import { fixture, serve, startTestServer } from './feed-test-server.js';

let server: TestServer;
let attack: FeedItem[];
beforeAll(async () => {
  server = await startTestServer();
  server.route('/attack.xml', serve(fixture('markdown-attack.xml'), 'application/rss+xml'));
  const result = await fetchFeed(server.url('/attack.xml'), { userAgent: 'lagebild-test' });
  if (result.status !== 'ok') throw new Error('fixture not served');
  attack = parseFeed(decodeFeed(result.bytes, result.contentType).text).items;
});
afterAll(() => server.close());

/** What a Discord client shows for escaped text: backslash escapes removed, zero-width spaces invisible. */
function rendered(escaped: string): string {
  return escaped.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
}

describe('escapeDiscordMarkdown on a hostile feed', () => {
  it('breaks masked links but shows their text literally', () => {
    const title = escapeDiscordMarkdown(attack[0]!.title);
    expect(title).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(rendered(title)).toBe(attack[0]!.title);
    expect(escapeDiscordMarkdown(attack[0]!.summary)).not.toMatch(/(?<!\\)\]\(/);
  });

  it('breaks headings, lists, quotes and subtext at the start of a line', () => {
    expect(escapeDiscordMarkdown(attack[1]!.title)).toMatch(/^\\#/);
    const multiline = escapeDiscordMarkdown('- item\n1. first\n> quote\n-# small\n## two');
    for (const line of multiline.split('\n')) expect(line).toMatch(/^(\\|\d+\\\.)/);
    expect(rendered(multiline)).toBe('- item\n1. first\n> quote\n-# small\n## two');
  });

  it('breaks @everyone, @here and user, role and channel mentions', () => {
    const original = attack[2]!.title;
    expect(original).toContain('<@&1>'); // the feed really carries the attack after parsing
    const title = escapeDiscordMarkdown(original);
    expect(title).not.toMatch(/@everyone|@here|<@&?\d+>|<#\d+>/);
    expect(rendered(title)).toBe(original);
  });

  it('escapes emphasis, spoilers, strikethrough and code', () => {
    const summary = escapeDiscordMarkdown(attack[2]!.summary);
    expect(summary).not.toMatch(/(?<!\\)[*_~|`]/);
    expect(rendered(summary)).toBe(attack[2]!.summary);
  });

  it('escapes the escape character itself', () => {
    expect(rendered(escapeDiscordMarkdown('C:\\Temp\\*'))).toBe('C:\\Temp\\*');
  });
});

describe('htmlToText', () => {
  it('strips tags, drops scripts and comments, decodes entities, collapses whitespace', () => {
    expect(
      htmlToText(
        '<p>Jerewan&nbsp;&ndash; <b>OVKS</b></p><p>Moskau</p><!-- x --><style>p{}</style><script>alert(1)</script>&#8222;Ja&#x201C; &amp;lt;',
      ),
    ).toBe('Jerewan – OVKS Moskau „Ja“ &lt;');
  });

  it('keeps a lone "<" and unknown entities as text', () => {
    expect(htmlToText('Art. 4 < Art. 5 &unknown; AT&T')).toBe('Art. 4 < Art. 5 &unknown; AT&T');
  });

  it('stays linear on hostile markup (unclosed scripts, tags, comments, CDATA)', () => {
    const started = performance.now();
    for (const unit of ['x<script', '<p', '<!--', '<![CDATA[', '<a href="']) {
      expect(htmlToText(`Nachricht ${unit.repeat(100_000)}`)).toMatch(/^Nachricht/);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('drops an unterminated tag at the end', () => {
    expect(htmlToText('NATO-Gipfel <img src="x" onerror="')).toBe('NATO-Gipfel');
  });
});

describe('capText', () => {
  it('caps at the limit with an ellipsis, at a word boundary when close', () => {
    const text = 'Armenien friert Beteiligung an der OVKS ein und fordert Aufklärung';
    const capped = capText(text, 40);
    expect(capped.length).toBeLessThanOrEqual(40);
    expect(capped.endsWith('…')).toBe(true);
    expect(text.startsWith(capped.slice(0, -1))).toBe(true);
    expect(capped).toBe('Armenien friert Beteiligung an der OVKS…');
    expect(capText(text, 200)).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const capped = capText('ab🇦🇲🇦🇲🇦🇲', 4);
    expect(capped).toBe('ab…');
  });
});

describe('htmlToText and entity names Object.prototype has', () => {
  it('leaves &constructor; and its kind as written, like any unknown entity', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])
      expect(htmlToText(`a &${name}; b &amp; c`)).toBe(`a &${name}; b & c`);
  });
});
