import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { allPages, ARTICLE_FLAT, buttonPress, buttonsOf, chatInput, fieldLines, loadKb, messageOf, plainText, run, str } from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

/** "Neben Russland gehören der CSTO Armenien, …, und Tadschikistan an": the members the article names. */
function membersNamedInArticle(): string[] {
  const match = /Neben (\S+) gehören der CSTO (.+?) an,/.exec(ARTICLE_FLAT);
  if (match === null) throw new Error('member paragraph not found in the article');
  return [match[1] ?? '', ...(match[2] ?? '').split(/, | und /)];
}

const withoutCitation = (line: string): string => line.replace(/\s*\[\d+\] § \d+$/, '');

describe('/alliance', () => {
  it.each(['de', 'en-US'])('lists exactly the six member countries the article names (%s)', async (locale) => {
    const response = await run(kb, chatInput('alliance', [str('name', 'csto')], locale));
    const embeds = await allPages(kb, response);
    const label = locale === 'de' ? 'Mitglieder' : 'Members';
    const shown = fieldLines(embeds, label).map(withoutCitation);
    const article = membersNamedInArticle();
    expect(article).toHaveLength(6);
    const ids = (names: string[]) => names.map((n) => kb.resolve('country', n)).sort();
    expect(ids(shown)).toEqual(ids(article));
    expect(ids(shown)).not.toContain(undefined);
  });

  it('answers in German for a German locale, with the Russian name and sources', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('alliance', [str('name', 'OVKS')], 'de')));
    const text = embeds.map((e) => plainText({ embeds: [e] })).join('\n');
    expect(embeds[0]?.title).toBe('OVKS');
    expect(text).toContain('Organisation des Vertrags über kollektive Sicherheit');
    expect(text).toMatch(/ОДКБ \(ru\)/);
    const sources = fieldLines(embeds, 'Quellen');
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/securnews, 27\. Dezember 2024, § [\d, ]+/);
  });

  it('shows German quotes verbatim from the article and marks English renderings as translations or original wording', async () => {
    const de = await allPages(kb, await run(kb, chatInput('alliance', [str('name', 'csto')], 'de')));
    const quotes = fieldLines(de, 'Was Fachleute sagten').filter((l) => l.startsWith('„'));
    expect(quotes.length).toBeGreaterThan(3);
    for (const line of quotes) {
      const quoted = /^„(.+?)“ —/.exec(line)?.[1];
      expect(quoted, line).toBeDefined();
      expect(ARTICLE_FLAT).toContain(quoted);
    }
    const en = await allPages(kb, await run(kb, chatInput('alliance', [str('name', 'csto')], 'en-GB')));
    const enQuotes = fieldLines(en, 'What experts said').filter((l) => l.startsWith('“'));
    expect(enQuotes).toHaveLength(quotes.length);
    // Our renderings are marked as translations; where Insider's English original is known, its words are shown, marked as such.
    for (const line of enQuotes) expect(line).toMatch(/\((translated from German|original wording: Insider, .+, May 2023)\)/);
    expect(enQuotes.filter((line) => line.includes('(translated from German)')).length).toBeGreaterThan(3);
  });

  it('answers an unknown name ephemerally with suggestions', async () => {
    const data = messageOf(await run(kb, chatInput('alliance', [str('name', 'OVSK')])));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toContain('Did you mean');
    expect(plainText(data)).toContain('CSTO');
  });

  it('pages round-trip: next then previous gives the first page back', async () => {
    const first = messageOf(await run(kb, chatInput('alliance', [str('name', 'csto')])));
    const [previous, next] = buttonsOf(first);
    expect(previous?.disabled).toBe(true);
    expect(next?.custom_id).toMatch(/^page:alliance:en:1:csto$/);
    const second = await run(kb, buttonPress(next?.custom_id ?? ''));
    expect(second.type).toBe(InteractionResponseType.UpdateMessage);
    const back = buttonsOf(messageOf(second))[0]?.custom_id ?? '';
    const again = messageOf(await run(kb, buttonPress(back)));
    expect(again.embeds).toEqual(first.embeds);
    expect(again.components).toEqual(first.components);
  });

  it('keeps the language of the page it continues, whoever presses', async () => {
    const first = messageOf(await run(kb, chatInput('alliance', [str('name', 'csto')], 'de')));
    const next = buttonsOf(first)[1]?.custom_id ?? '';
    const second = messageOf(await run(kb, buttonPress(next, 'en-US')));
    expect(second.embeds?.[0]?.footer?.text).toMatch(/Seite 2\//);
  });
});
