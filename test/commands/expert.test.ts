import { MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { allPages, ARTICLE_FLAT, autocomplete, chatInput, choicesOf, fieldLines, loadKb, messageOf, plainText, run, str } from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

describe('/expert', () => {
  it('shows who Barbieri is, from the article, in German', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('expert', [str('name', 'Barbieri')], 'de')));
    expect(embeds[0]?.title).toMatch(/Barbieri$/);
    const affiliation = fieldLines(embeds, 'Institution').join(' ');
    // The article: "Jaroslava Barbieri, Expertin für Russland … an der Universität Birmingham".
    const birmingham = /Barbieri, [^.]*?Universität (\p{L}+)/u.exec(ARTICLE_FLAT)?.[1];
    expect(birmingham).toBeDefined();
    expect(affiliation).toContain(birmingham);
  });

  it('quotes Barbieri only with words that occur in the article, with article and date', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('expert', [str('name', 'barbieri')], 'de')));
    const quotes = fieldLines(embeds, 'Zitate').filter((l) => l.startsWith('„'));
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    for (const line of quotes) {
      const [, quoted, context] = /^„(.+?)“ — (.*)$/.exec(line) ?? [];
      expect(ARTICLE_FLAT).toContain(quoted);
      expect(context).toContain('27. Dezember 2024');
      expect(context).toMatch(/Russlands Äquivalent zur NATO/);
    }
  });

  it('marks English renderings of German quotes as translations', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('expert', [str('name', 'anais-marin')], 'en-US')));
    const quotes = fieldLines(embeds, 'Quotes').filter((l) => l.startsWith('“'));
    expect(quotes.length).toBeGreaterThan(0);
    for (const line of quotes) expect(line).toContain('(translated from German)');
  });

  it('autocompletes a partial name to the id, at most 25 choices', async () => {
    const choices = choicesOf(await run(kb, autocomplete('expert', [str('name', 'bar', true)])));
    expect(choices[0]?.value).toBe(kb.resolve('expert', 'Barbieri'));
    const all = choicesOf(await run(kb, autocomplete('expert', [str('name', '', true)])));
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.length).toBeLessThanOrEqual(25);
  });

  it('answers an unknown expert ephemerally with "did you mean"', async () => {
    const data = messageOf(await run(kb, chatInput('expert', [str('name', 'barbiri')], 'de')));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(plainText(data)).toMatch(/Meinten Sie:\n• .*Barbieri/);
  });
});
