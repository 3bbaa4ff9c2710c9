// Replies on a generated knowledge base (bench/generate-dataset.ts) large
// enough that the most-covered alliance has hundreds of articles, quotes and
// events: every page stays within Discord's limits, lists are capped with a
// note of what was left out, and page n is the same however it is reached,
// after a restart too.
import type { APIInteractionResponse, APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import { generateDataset } from '../../bench/generate-dataset.js';
import type { Language } from '../../src/i18n/language.js';
import { t } from '../../src/i18n/t.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { EntityKind } from '../../src/knowledge/schema.js';
import { MAX_LIST_ITEMS } from '../../src/render/capped.js';
import { buttonPress, buttonsOf, chatInput, fieldLines, messageOf, run, str } from './harness.js';

const dataset = generateDataset({ articles: 1500, entities: 1000 });
/** A profile has six capped lists and their sources: far fewer pages than this. */
const MAX_PAGES = 30;

let kb: KnowledgeBase;
beforeAll(() => {
  kb = createKnowledgeBase(dataset);
});

function mostCovered(kind: EntityKind, count: (id: string) => number): string {
  const ranked = kb.entitiesOfKind(kind).sort((a, b) => count(b.id) - count(a.id));
  const id = ranked[0]?.id;
  if (id === undefined) throw new Error(`no ${kind} generated`);
  return id;
}

/** The message of every page, following the "next page" buttons from the first. */
async function pagesForward(on: KnowledgeBase, first: APIInteractionResponse): Promise<APIInteractionResponseCallbackData[]> {
  const pages = [messageOf(first)];
  for (;;) {
    const next = buttonsOf(pages.at(-1) ?? {})[1];
    if (next?.custom_id === undefined || next.disabled === true) return pages;
    if (pages.length > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages`);
    pages.push(messageOf(await run(on, buttonPress(next.custom_id))));
  }
}

const count = (line: string | undefined): number => Number(/\d+/.exec(line ?? '')?.[0]);

describe('/alliance on a large knowledge base', () => {
  it.each([
    ['de', 'de'],
    ['en-US', 'en'],
  ] as const)('caps every list, cites exactly what it shows and stays within a bounded number of pages (%s)', async (locale, lang: Language) => {
    const id = mostCovered('alliance', (a) => kb.articlesAbout(a).length);
    const quotes = kb.quotesAbout(id).slice();
    const events = kb.timeline(id);
    const keyPoints = kb.articlesAbout(id).reduce((sum, article) => sum + article.summary.length, 0);
    // The generated data must be large enough to test the caps at all.
    for (const total of [quotes.length, events.length, keyPoints]) expect(total).toBeGreaterThan(MAX_LIST_ITEMS);

    const pages = await pagesForward(kb, await run(kb, chatInput('alliance', [str('name', id)], locale)));
    expect(pages.length).toBeGreaterThan(1);
    const embeds = pages.flatMap((page) => page.embeds ?? []);
    pages.forEach((page, i) => expect(page.embeds?.[0]?.footer?.text).toContain(`${i + 1}/${pages.length}`));

    // Quotes: the first ones (newest articles first), then how many more there are.
    const quoteLines = fieldLines(embeds, t(lang, 'label.quotes'));
    expect(quoteLines).toHaveLength(MAX_LIST_ITEMS + 1);
    expect(count(quoteLines.at(-1))).toBe(quotes.length - MAX_LIST_ITEMS);
    expect(quoteLines[0]).toContain(quotes[0]?.quote.translations[lang] ?? quotes[0]?.quote.text);

    // Timeline: the newest events in date order, after how many earlier ones were left out.
    const timelineLines = fieldLines(embeds, t(lang, 'label.timeline'));
    expect(timelineLines).toHaveLength(MAX_LIST_ITEMS + 1);
    expect(count(timelineLines[0])).toBe(events.length - MAX_LIST_ITEMS);
    expect(timelineLines[1]).toContain(events[events.length - MAX_LIST_ITEMS]?.event.text[lang]);
    expect(timelineLines.at(-1)).toContain(events.at(-1)?.event.text[lang]);

    const keyPointLines = fieldLines(embeds, t(lang, 'label.keyPoints'));
    expect(keyPointLines).toHaveLength(MAX_LIST_ITEMS + 1);
    expect(count(keyPointLines.at(-1))).toBe(keyPoints - MAX_LIST_ITEMS);

    // Every source number used is listed once, in order, and nothing else is.
    const sources = fieldLines(embeds, t(lang, 'label.sources'));
    const used = new Set(
      embeds
        .flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)])
        .join('\n')
        .match(/\[\d+\] §/g),
    );
    expect(sources.map((line) => count(line))).toEqual(Array.from({ length: used.size }, (_, i) => i + 1));
  });

  it('renders page n from its button exactly as paging forward reaches it, and the same after a restart', async () => {
    const id = mostCovered('alliance', (a) => kb.articlesAbout(a).length);
    const forward = await pagesForward(kb, await run(kb, chatInput('alliance', [str('name', id)], 'de')));
    // A new knowledge base from the same data, as after a restart: nothing cached.
    const restarted = createKnowledgeBase(dataset);
    for (const [n, page] of forward.entries()) {
      const customId = `page:alliance:de:${n}:${id}`;
      for (const on of [kb, restarted]) {
        const pressed = messageOf(await run(on, buttonPress(customId, 'en-US')));
        expect(pressed.embeds).toEqual(page.embeds);
        expect(pressed.components).toEqual(page.components);
      }
    }
    // Beyond the last page: the last page.
    const beyond = messageOf(await run(restarted, buttonPress(`page:alliance:de:${forward.length + 5}:${id}`)));
    expect(beyond.embeds).toEqual(forward.at(-1)?.embeds);
  });
});

describe('other replies on a large knowledge base', () => {
  it('/timeline without a filter shows the newest events within a bounded number of pages', async () => {
    const all = kb.timeline();
    expect(all.length).toBeGreaterThan(MAX_LIST_ITEMS);
    const pages = await pagesForward(kb, await run(kb, chatInput('timeline', [], 'en-US')));
    expect(pages.length).toBeLessThanOrEqual(MAX_PAGES);
    const lines = fieldLines(
      pages.flatMap((page) => page.embeds ?? []),
      t('en', 'label.timeline'),
    );
    expect(count(lines[0])).toBe(all.length - MAX_LIST_ITEMS);
    expect(lines.at(-1)).toContain(all.at(-1)?.event.text.en);
  });

  it('/expert for the most-quoted expert and /country for the most-covered country stay within limits', async () => {
    const expert = mostCovered('expert', (e) => kb.quotesBy(e).length);
    expect(kb.quotesBy(expert).length).toBeGreaterThan(MAX_LIST_ITEMS);
    const country = mostCovered('country', (c) => kb.quotesAbout(c).length);
    for (const [name, id] of [
      ['expert', expert],
      ['country', country],
    ] as const) {
      const pages = await pagesForward(kb, await run(kb, chatInput(name, [str('name', id)], 'de')));
      expect(pages.length).toBeLessThanOrEqual(MAX_PAGES);
    }
  });
});
