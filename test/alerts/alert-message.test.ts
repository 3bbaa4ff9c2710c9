import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import { validateRequest } from '../../local-discord/index.js';
import { alertMessage, deliveryNonce } from '../../src/alerts/alert-message.js';
import type { Publication } from '../../src/alerts/publication.js';
import { t } from '../../src/i18n/t.js';
import { subscription } from './alert-fixtures.js';

const HOSTILE_TITLE = '# [Klick hier](https://evil.example) @everyone <@&123456789012345678> **fett** `code`';

function publication(fields: Partial<Publication> = {}): Publication {
  return {
    id: 'feed:abc:guid:1',
    title: 'OVKS-Gipfel verschoben',
    summary: 'Die Staats- und Regierungschefs treffen sich später.',
    link: 'https://news.example/ovks',
    published: '2024-12-27T08:00:00Z',
    source: { kind: 'feed', feedUrl: 'https://news.example/feed' },
    declaredTopics: [],
    ...fields,
  };
}

const sub = subscription({ guildId: '200000000000000001', channelId: '300000000000000001', topic: 'csto' });

function embedOf(body: ReturnType<typeof alertMessage>): APIEmbed {
  const embed = body.embeds?.[0];
  if (!embed) throw new Error('no embed');
  return embed;
}

describe('alert message', () => {
  it('is one valid embed with title, summary, link, date, topics and footer, pinging nobody', () => {
    const body = alertMessage({ publication: publication(), subscription: sub, topicNames: ['CSTO', 'Armenia'], deliveryId: 'd1' });
    expect(validateRequest('POST', '/channels/300000000000000001/messages', body)).toEqual([]);
    expect(body.embeds).toHaveLength(1);
    expect(embedOf(body)).toEqual({
      title: 'OVKS-Gipfel verschoben',
      description: 'Die Staats- und Regierungschefs treffen sich später.',
      url: 'https://news.example/ovks',
      timestamp: '2024-12-27T08:00:00.000Z',
      fields: [{ name: t('en', 'label.topics'), value: 'CSTO · Armenia' }],
      footer: { text: t('en', 'footer.brand') },
    });
    expect(body.content).toBeUndefined();
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.enforce_nonce).toBe(true);
  });

  it("pings only the subscription's role", () => {
    const withRole = { ...sub, roleId: '400000000000000001' };
    const body = alertMessage({ publication: publication(), subscription: withRole, topicNames: [], deliveryId: 'd1' });
    expect(body.content).toBe('<@&400000000000000001>');
    expect(body.allowed_mentions).toEqual({ parse: [], roles: ['400000000000000001'] });
  });

  it('escapes feed text: no headings, masked links, mentions or formatting', () => {
    const body = alertMessage({
      publication: publication({ title: HOSTILE_TITLE, summary: HOSTILE_TITLE }),
      subscription: sub,
      topicNames: [],
      deliveryId: 'd1',
    });
    const { title, description } = embedOf(body);
    for (const text of [title, description]) {
      expect(text).not.toMatch(/(^|[^\\])\[/);
      expect(text).not.toMatch(/^#/);
      expect(text).not.toContain('@everyone');
      expect(text).not.toContain('<@&');
      expect(text).not.toMatch(/(^|[^\\])\*\*/);
    }
  });

  it('keeps the title within 256 characters after escaping', () => {
    const title = '*'.repeat(600);
    const embed = embedOf(alertMessage({ publication: publication({ title }), subscription: sub, topicNames: [], deliveryId: 'd1' }));
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.title).toMatch(/^(\\\*)+…$/);
  });

  it('links only http(s) URLs and leaves out an unreadable date', () => {
    for (const link of ['javascript:alert(1)', 'ftp://files.example/x', 'not a url']) {
      const embed = embedOf(
        alertMessage({ publication: publication({ link, published: 'gestern' }), subscription: sub, topicNames: [], deliveryId: 'd1' }),
      );
      expect(embed.url).toBeUndefined();
      expect(embed.timestamp).toBeUndefined();
    }
  });

  it('leaves out a date Discord would refuse (years outside 0001–9999) or that is before 1970, and the message stays valid', () => {
    const out = [
      '0000-01-01T00:00:00Z',
      '+010000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '-000001-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
    ];
    for (const published of out) {
      const body = alertMessage({ publication: publication({ published }), subscription: sub, topicNames: ['OVKS'], deliveryId: 'd1' });
      expect(embedOf(body).timestamp, published).toBeUndefined();
      expect(embedOf(body).title).toBe('OVKS-Gipfel verschoben');
      expect(validateRequest('POST', '/channels/300000000000000001/messages', body)).toEqual([]);
    }
    for (const [published, timestamp] of [
      ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
      ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
      ['Mon, 03 Mar 2025 08:00:00 +0100', '2025-03-03T07:00:00.000Z'],
    ] as const) {
      const body = alertMessage({ publication: publication({ published }), subscription: sub, topicNames: [], deliveryId: 'd1' });
      expect(embedOf(body).timestamp).toBe(timestamp);
    }
  });

  it("uses the subscriber's language for labels and a translated article text", () => {
    const german = { ...sub, language: 'de' as const };
    const translated = publication({ translations: { de: { title: 'Deutscher Titel', summary: 'Deutsche Zusammenfassung' } } });
    const embed = embedOf(alertMessage({ publication: translated, subscription: german, topicNames: ['OVKS'], deliveryId: 'd1' }));
    expect(embed.title).toBe('Deutscher Titel');
    expect(embed.fields).toEqual([{ name: t('de', 'label.topics'), value: 'OVKS' }]);
    expect(embed.footer).toEqual({ text: t('de', 'footer.brand') });
  });

  it('derives a short nonce from the delivery id, the same every time', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `feed:0123456789ab:guid:https://example.org/item/${i}|sub${i}`);
    const nonces = ids.map(deliveryNonce);
    expect(new Set(nonces).size).toBe(ids.length);
    for (const nonce of nonces) expect(nonce.length).toBeLessThanOrEqual(25);
    expect(ids.map(deliveryNonce)).toEqual(nonces);
    const body = alertMessage({ publication: publication(), subscription: sub, topicNames: [], deliveryId: ids[0]! });
    expect(body.nonce).toBe(nonces[0]);
  });
});
