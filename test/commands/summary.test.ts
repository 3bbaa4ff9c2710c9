import { type APIEmbed, InteractionResponseType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import { plain } from '../../src/cli/print.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import {
  allPages,
  ARTICLE_FLAT,
  ARTICLE_TEXT,
  autocomplete,
  buttonPress,
  buttonsOf,
  chatInput,
  choicesOf,
  fieldLines,
  loadKb,
  messageOf,
  plainText,
  run,
  str,
} from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

/** Who the experts spoke to: "sagte gegenüber Insider". */
const TO_WHOM = /gegenüber (\p{Lu}\p{L}+)/u.exec(ARTICLE_TEXT)?.[1] ?? '';

/** The three "•" points under the article's headline. */
const articleBullets = (): string[] => [...ARTICLE_TEXT.matchAll(/^\s*•\s*(.+)$/gm)].map((m) => (m[1] ?? '').trim());

describe('/summary', () => {
  it('defaults to the newest article and gives its three points in German as printed', async () => {
    const data = messageOf(await run(kb, chatInput('summary', [], 'de')));
    const embed = data.embeds?.[0];
    const points = plain(embed?.description ?? '')
      .split('\n')
      .map((l) => l.replace(/^• /, '').replace(/ \*\(§ \d+\)\*$/, ''));
    expect(articleBullets()).toHaveLength(3);
    expect(points).toEqual(articleBullets());
  });

  it('names date, publisher and original source as the article does, plus covered entities', async () => {
    const data = messageOf(await run(kb, chatInput('summary', [], 'en-US')));
    const embeds = data.embeds ?? [];
    expect(ARTICLE_FLAT).toContain('Dezember 27, 2024');
    const publisher = fieldLines(embeds, 'Publisher')[0] ?? '';
    expect(ARTICLE_TEXT.split('\n').slice(0, 4).join(' ')).toContain(publisher);
    // The date says what it is the date of: this publication, and where the words were first published.
    expect(fieldLines(embeds, 'Date')).toEqual([`published 27 December 2024 by ${publisher}; first published by ${TO_WHOM}, May 2023`]);
    expect(ARTICLE_FLAT).toContain(`gegenüber ${fieldLines(embeds, 'Original source')[0]}`);
    const covers = fieldLines(embeds, 'Covers').join(', ');
    for (const name of ['CSTO', 'Armenia', 'Kazakhstan']) expect(covers).toContain(name);
  });

  it('says the date in German as what it is the date of', async () => {
    const embeds = messageOf(await run(kb, chatInput('summary', [], 'de'))).embeds ?? [];
    expect(fieldLines(embeds, 'Datum')).toEqual([`veröffentlicht am 27. Dezember 2024 von securnews; erstmals erschienen bei ${TO_WHOM}, Mai 2023`]);
  });

  it('finds an article from autocomplete and by id', async () => {
    const choices = choicesOf(await run(kb, autocomplete('summary', [str('article', '', true)])));
    const id = choices[0]?.value;
    expect(typeof id).toBe('string');
    const data = messageOf(await run(kb, chatInput('summary', [str('article', String(id))], 'de')));
    expect(data.embeds?.[0]?.title).toContain('Russlands Äquivalent zur NATO');
  });
});

/** The article's paragraphs (data/README.md: the non-empty trimmed lines). */
const PARAGRAPHS = ARTICLE_TEXT.split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '');

/** The summary's buttons and every page of its corrections view, reached by pressing them. */
async function correctionsView(locale: string) {
  const summary = messageOf(await run(kb, chatInput('summary', [], locale)));
  const button = buttonsOf(summary).find((b) => /^(Corrections|Korrekturen) \(\d+\)$/.test(b.label ?? ''));
  const first = await run(kb, buttonPress(button?.custom_id ?? '', locale));
  expect(first.type).toBe(InteractionResponseType.UpdateMessage);
  return { summary, button, first, pages: await allPages(kb, first) };
}

/** Each correction of the view: its heading and its lines. */
const entriesOf = (embeds: readonly APIEmbed[]) =>
  embeds.flatMap((e) => e.fields ?? []).map((f) => ({ name: f.name, lines: f.value.split('\n').map((line) => plain(line.replaceAll('**', ''))) }));

describe('/summary and the corrections of the machine translation', () => {
  it('shows the corrections as a count with a button, not as fields of the summary', async () => {
    const { summary, button, pages } = await correctionsView('en-US');
    const entries = entriesOf(pages);
    expect(entries.length).toBeGreaterThan(10);
    const count = Number(/\((\d+)\)/.exec(button?.label ?? '')?.[1]);
    expect(count).toBe(entries.length);
    expect(fieldLines(summary.embeds ?? [], 'Corrections')).toEqual([
      `${count} places where the printed text is wrong, each with what is true and why: see the button below.`,
    ]);
    // None of the printed wording is in the summary itself, and it keeps to a handful of fields.
    const text = plainText(summary);
    for (const entry of entries) expect(text).not.toContain(entry.lines[0]?.replace(/^Printed: “(.*)”$/, '$1') ?? '-');
    expect(summary.embeds?.[0]?.fields?.length).toBeLessThanOrEqual(6);
  });

  it.each([
    ['en-US', ['Printed', 'True', 'Why'], 'Meant', /^In the text, § (\d+)$|^In a quote by .+, § (\d+)$/],
    ['de', ['Gedruckt', 'Richtig', 'Begründung'], 'Gemeint', /^Im Text, § (\d+)$|^In einem Zitat von .+, § (\d+)$/],
  ] as const)(
    'gives each correction the printed wording found in its paragraph, what is true and the reason (%s)',
    async (locale, labels, meant, heading) => {
      const { pages } = await correctionsView(locale);
      expect(pages.length).toBeGreaterThan(1);
      let previous = 0;
      for (const { name, lines } of entriesOf(pages)) {
        const match = heading.exec(name);
        expect(match, name).not.toBeNull();
        const paragraph = Number(match?.[1] ?? match?.[2]);
        // In the order of the article.
        expect(paragraph).toBeGreaterThanOrEqual(previous);
        previous = paragraph;
        expect(lines).toHaveLength(3);
        expect(lines[0]).toMatch(new RegExp(`^${labels[0]}: [„“]`));
        // A quote's printed words come with what their date is the date of: to Insider, May 2023.
        const [printedLine = '', when] = (lines[0] ?? '').split(' — ');
        if (match?.[2] !== undefined) expect(when, name).toMatch(/Insider/);
        else expect(when).toBeUndefined();
        const printed = printedLine.replace(/^[^:]+: [„“](.*)[“”]$/, '$1');
        // Verbatim, in the paragraph the heading names (line breaks of the source aside).
        expect(PARAGRAPHS[paragraph - 1]?.replace(/\s+/g, ' '), name).toContain(printed);
        expect(lines[1]).toMatch(new RegExp(`^(${labels[1]}|${meant}): \\S`));
        expect(lines[2]).toMatch(new RegExp(`^${labels[2]}: \\S`));
      }
    },
  );

  it("keeps a quote's correction with the quote: Marin's inverted words of paragraph 41 and what she meant", async () => {
    // Paragraph 41 prints her words without the negation that paragraphs 35 and 36 require.
    const inverted = /„(die Glaubwürdigkeit[^“]*)“/.exec(PARAGRAPHS[40] ?? '')?.[1] ?? '';
    expect(inverted).not.toBe('');
    const entry = entriesOf((await correctionsView('en-US')).pages).find((e) => e.name.startsWith('In a quote by Anaïs Marin'));
    expect(entry?.name).toBe('In a quote by Anaïs Marin, § 41');
    expect(entry?.lines[0]).toBe(`Printed: “${inverted}” — to Insider, May 2023 (republished by securnews, 27 December 2024)`);
    expect(entry?.lines[1]).toMatch(/^Meant: .*did not receive/);
  });

  it('pages within every limit and leads back to the summary', async () => {
    const { first, summary } = await correctionsView('de');
    const buttons = buttonsOf(messageOf(first));
    const back = buttons.find((b) => b.label === 'Zurück zur Zusammenfassung');
    const again = messageOf(await run(kb, buttonPress(back?.custom_id ?? '', 'de')));
    expect(again.embeds).toEqual(summary.embeds);
    // A button of an article that is gone is an expired button, answered to the presser alone.
    const gone = messageOf(await run(kb, buttonPress('page:summary:de:0:corrections:no-such-article', 'de')));
    expect(gone.flags).toBe(64);
  });
});
