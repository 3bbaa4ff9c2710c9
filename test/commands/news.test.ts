// /news through the real dispatcher over a news index: newest first, per topic, cursor
// pages that neither repeat nor skip when items arrive, feed text shown safely, the
// "Latest news" section of the profiles and caches that see new items; every payload
// validated against Discord's OpenAPI spec.
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import { validateInteractionResponse } from '../../local-discord/contract/validate-request.js';
import { respond } from '../../src/interactions/respond.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { type NewsEntry, newsEntry, type NewsIndex, newsIndexOf, withNewsChanges } from '../../src/knowledge/news-index.js';
import { buttonPress, buttonsOf, chatInput, expectSafe, loadKb, messageOf, str } from './harness.js';

const commands = createCommands();
const DAY = 24 * 60 * 60_000;
const BASE = Date.UTC(2026, 10, 1);

function entry(n: number, entities: string[] = [], title = `Headline ${n}`): NewsEntry {
  const id = `feedkey:guid:${n}`;
  return newsEntry(BASE + n * DAY, {
    id,
    title,
    summary: '',
    link: `https://news.example.org/${n}`,
    published: new Date(BASE + n * DAY).toISOString(),
    source: { title: 'Example News', host: 'news.example.org' },
    language: 'en',
    entities,
    topics: [],
  });
}

async function ask(kb: KnowledgeBase, news: NewsIndex, interaction: APIInteraction): Promise<APIInteractionResponse> {
  const response = await respond(interaction, { kb, news, commands, log: { error: () => undefined } });
  expectSafe(response);
  expect(validateInteractionResponse(response)).toEqual([]);
  return response;
}

const headlines = (response: APIInteractionResponse) =>
  [...(messageOf(response).embeds?.[0]?.description ?? '').matchAll(/Headline (\d+)/g)].map((m) => Number(m[1]));

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

describe('/news', () => {
  it('lists the latest items newest first, with date, source, link and topics', async () => {
    const news = newsIndexOf([entry(1, ['armenia']), entry(2, ['nato']), entry(3)]);
    const response = await ask(kb, news, chatInput('news', []));
    expect(headlines(response)).toEqual([3, 2, 1]);
    const description = messageOf(response).embeds?.[0]?.description ?? '';
    expect(description).toContain('Example News (news.example.org)');
    expect(description).toContain('<https://news.example.org/2>');
    expect(description).toMatch(/Headline 2 .*\n|· NATO\n/);
  });

  it('narrows to a country by name, and says so when there is nothing about it', async () => {
    const news = newsIndexOf([entry(1, ['armenia']), entry(2, ['nato'])]);
    expect(headlines(await ask(kb, news, chatInput('news', [str('topic', 'Armenien')])))).toEqual([1]);
    const none = await ask(kb, news, chatInput('news', [str('topic', 'belarus')]));
    expect(messageOf(none).content).toMatch(/No news items about Belarus yet/);
  });

  it('pages by cursor: after new items arrive, "older" continues where the page ended', async () => {
    const first = newsIndexOf(Array.from({ length: 20 }, (_, i) => entry(i + 1)));
    const page1 = await ask(kb, first, chatInput('news', []));
    expect(headlines(page1)).toEqual([20, 19, 18, 17, 16, 15, 14, 13]);
    const [newer, older] = buttonsOf(messageOf(page1));
    expect(newer?.disabled).toBe(true);
    const later = withNewsChanges(first, [], [entry(30), entry(31)], 2);
    const page2 = await ask(kb, later, buttonPress(older?.custom_id ?? ''));
    expect(headlines(page2)).toEqual([12, 11, 10, 9, 8, 7, 6, 5]);
    const back = await ask(kb, later, buttonPress(buttonsOf(messageOf(page2))[0]?.custom_id ?? ''));
    expect(headlines(back)).toEqual([20, 19, 18, 17, 16, 15, 14, 13]);
    const newest = await ask(kb, later, buttonPress(buttonsOf(messageOf(back))[0]?.custom_id ?? ''));
    expect(headlines(newest)).toEqual([31, 30, 20, 19, 18, 17, 16, 15]);
    expect(buttonsOf(messageOf(newest))[0]?.disabled).toBe(true);
  });

  it('shows feed text literally: no masked links, no pings, no markdown', async () => {
    const news = newsIndexOf([entry(1, [], '[click](https://evil.example/steal) @everyone <@123456789012345678> **bold**')]);
    const response = await ask(kb, news, chatInput('news', []));
    const description = messageOf(response).embeds?.[0]?.description ?? '';
    // Escaped brackets: Discord shows the text, not a link named "click".
    expect(description).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    expect(description).toContain('\\[click\\]');
    expect(description).toContain('\\*\\*bold\\*\\*');
  });

  it('is named /nachrichten in German', () => {
    const definition = commands.find((c) => c.definition.name === 'news')?.definition;
    expect(definition?.name_localizations?.de).toBe('nachrichten');
  });
});

describe('latest news in the profiles', () => {
  it('/country shows the three newest items about the country after the sources, and a new item at once', async () => {
    const first = newsIndexOf([1, 2, 3, 4].map((n) => entry(n, ['armenia'])));
    const fields = async (news: NewsIndex) => {
      const response = await ask(kb, news, chatInput('country', [str('name', 'armenia')]));
      return messageOf(response).embeds?.flatMap((embed) => embed.fields ?? []) ?? [];
    };
    // Asked twice: the second answer comes from the page cache.
    await fields(first);
    const cached = await fields(first);
    const latest = cached.find((field) => field.name.startsWith('Latest news'));
    expect(latest?.value.match(/Headline (\d+)/g)).toEqual(['Headline 4', 'Headline 3', 'Headline 2']);
    const names = cached.map((field) => field.name);
    expect(names.indexOf('Sources')).toBeLessThan(names.findIndex((name) => name.startsWith('Latest news')));

    const later = withNewsChanges(first, [], [entry(9, ['armenia'])], 2);
    const fresh = (await fields(later)).find((field) => field.name.startsWith('Latest news'));
    expect(fresh?.value.match(/Headline (\d+)/g)).toEqual(['Headline 9', 'Headline 4', 'Headline 3']);
  });

  it('/alliance has no news section when there are none', async () => {
    const response = await ask(kb, newsIndexOf([entry(1, ['armenia'])]), chatInput('alliance', [str('name', 'nato')]));
    expect(
      messageOf(response)
        .embeds?.flatMap((embed) => embed.fields ?? [])
        .some((field) => field.name.startsWith('Latest news')),
    ).toBe(false);
  });
});

describe('/search over news', () => {
  it('finds news titles after the curated hits, and a new item at once', async () => {
    const first = newsIndexOf([entry(1, [], 'CSTO summit in Yerevan cancelled')]);
    /** The embeds of every page, following the next-page buttons. */
    const search = async (news: NewsIndex) => {
      let response = await ask(kb, news, chatInput('search', [str('query', 'CSTO')]));
      const embeds = [...(messageOf(response).embeds ?? [])];
      for (let next = buttonsOf(messageOf(response))[1]; next !== undefined && next.disabled !== true; next = buttonsOf(messageOf(response))[1]) {
        response = await ask(kb, news, buttonPress(next.custom_id ?? ''));
        embeds.push(...(messageOf(response).embeds ?? []));
      }
      return embeds;
    };
    await search(first);
    const embeds = await search(first);
    const fields = embeds.flatMap((embed) => embed.fields ?? []);
    // Headed as what a search found, not as the latest news.
    const latest = fields.findIndex((field) => field.name.startsWith('News from feeds'));
    expect(fields[latest]?.value).toContain('CSTO summit in Yerevan cancelled');
    // The curated hits stand first: in the first page's description, and the news section is the last.
    expect(embeds[0]?.description?.length).toBeGreaterThan(0);
    expect(latest).toBe(fields.length - 1);
    const later = withNewsChanges(first, [], [entry(2, [], 'CSTO members meet in Moscow')], 2);
    const fresh = (await search(later)).flatMap((embed) => embed.fields ?? []).find((field) => field.name.startsWith('News from feeds'));
    expect(fresh?.value).toContain('CSTO members meet in Moscow');
  });

  it('answers from news alone when the articles have nothing', async () => {
    const news = newsIndexOf([entry(1, [], 'Zanzibar ferry timetable')]);
    const embed = messageOf(await ask(kb, news, chatInput('search', [str('query', 'zanzibar')]))).embeds?.[0];
    expect(embed?.fields?.some((field) => field.value.includes('Zanzibar ferry timetable'))).toBe(true);
  });
});
