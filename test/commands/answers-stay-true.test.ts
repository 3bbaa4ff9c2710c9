// What every answer must keep true to the seed article, checked against the
// article's own text (test/fixtures/seed), not against the data: when and to
// whom quotes were said, what a garbled quote meant, which quotes are about
// Armenia, the order of the timeline, and what is background rather than article.
import type { APIEmbed } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { allPages, ARTICLE_TEXT, chatInput, fieldLines, loadKb, messageOf, plainText, run, str } from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

/** The article's paragraphs (data/README.md: the non-empty trimmed lines). */
const PARAGRAPHS = ARTICLE_TEXT.split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '');

/** The paragraph (1-based) that prints `words` in quotation marks. */
function paragraphQuoting(words: string): number {
  const index = PARAGRAPHS.findIndex((p) => p.includes(`„${words}`) || p.includes(`„${words.slice(0, 40)}`));
  return index + 1;
}

const LABELS = {
  de: { quotes: 'Was Fachleute sagten', expertQuotes: 'Zitate', background: 'Hintergrund (nicht aus dem Artikel)', timeline: 'Wichtige Ereignisse' },
  en: { quotes: 'What experts said', expertQuotes: 'Quotes', background: 'Background (not from the article)', timeline: 'Timeline highlights' },
} as const;
const LOCALES = [
  ['de', 'de'],
  ['en-US', 'en'],
] as const;

async function embedsOf(command: string, option: string, value: string, locale: string): Promise<APIEmbed[]> {
  return allPages(kb, await run(kb, chatInput(command, [str(option, value)], locale)));
}

/** Each quote of a profile with the line after it (where what was meant is shown). */
function quoteEntries(embeds: readonly APIEmbed[], lang: 'de' | 'en'): { line: string; next: string }[] {
  // An expert's own quotes have their own heading; a page has one of the two.
  const lines = [...fieldLines(embeds, LABELS[lang].quotes), ...fieldLines(embeds, LABELS[lang].expertQuotes)];
  return lines.flatMap((line, i) => (/^[„“]/.test(line) ? [{ line, next: lines[i + 1] ?? '' }] : []));
}

// The inverted quote: paragraph 41 prints Marin's words without the negation
// that the surrounding paragraphs (35, 36: the CSTO sent only its secretary general) require.
const INVERTED = /„(die Glaubwürdigkeit[^“]*)“/.exec(PARAGRAPHS[40] ?? '')?.[1] ?? '';

describe('a quote with a correction is never shown without it', () => {
  it.each(LOCALES)('in every profile that shows the inverted Marin quote (%s)', async (locale, lang) => {
    expect(INVERTED).not.toBe('');
    const quote = kb.quotesBy('anais-marin').find((ref) => ref.quote.text === INVERTED)?.quote;
    const shown = lang === 'de' ? INVERTED : (quote?.translations.en ?? '');
    let seen = 0;
    for (const [command, name] of [
      ['expert', 'Marin'],
      ['country', 'Armenien'],
      ['alliance', 'OVKS'],
    ] as const) {
      for (const { line, next } of quoteEntries(await embedsOf(command, 'name', name, locale), lang)) {
        if (!line.includes(shown)) continue;
        seen += 1;
        // The meaning negates what was printed: "nicht erhielt" / "did not receive".
        expect(`${line} ${next}`, `${command} ${name}`).toMatch(lang === 'de' ? /Gemeint: .*nicht erhielt/ : /Meant: .*did not receive/);
      }
    }
    expect(seen).toBe(3);
  });

  it.each(LOCALES)('what a quote meant never opens a field or a page: it stays with its quote (%s)', async (locale) => {
    const COMMAND = { country: 'country', alliance: 'alliance', expert: 'expert' } as const;
    const ids = new Set(kb.articles.flatMap((article) => article.quotes.flatMap((quote) => [quote.expert, ...quote.about])));
    let meanings = 0;
    for (const id of ids) {
      const kind = kb.entity(id)?.kind;
      if (kind !== 'country' && kind !== 'alliance' && kind !== 'expert') continue;
      for (const embed of await embedsOf(COMMAND[kind], 'name', id, locale)) {
        expect(embed.description ?? '', id).not.toMatch(/^↳/);
        for (const field of embed.fields ?? []) {
          expect(field.value, `${id}: ${field.name}`).not.toMatch(/^↳/);
          meanings += field.value.split('\n').filter((line) => line.startsWith('↳')).length;
        }
      }
    }
    expect(meanings).toBeGreaterThan(0);
  });

  it('also in search results', async () => {
    const text = plainText(messageOf(await run(kb, chatInput('search', [str('query', 'Glaubwürdigkeit')], 'de'))));
    expect(text).toContain(INVERTED);
    expect(text).toMatch(/Gemeint: .*nicht erhielt/);
  });
});

describe('when and to whom quotes were said', () => {
  // "sagte gegenüber Insider" (paragraph 15): the experts spoke to Insider; the article is dated by its first line.
  const toWhom = /gegenüber (\p{Lu}\p{L}+)/u.exec(PARAGRAPHS[14] ?? '')?.[1] ?? '';
  const published = { de: '27. Dezember 2024', en: '27 December 2024' };

  it('the article names who the experts spoke to, and its date line', () => {
    expect(toWhom).toBe('Insider');
    expect(PARAGRAPHS[0]).toBe('Dezember 27, 2024');
  });

  it.each(LOCALES)('every quote in every profile says it was given to Insider and republished later (%s)', async (locale, lang) => {
    const expected =
      lang === 'de'
        ? `gegenüber ${toWhom}, Mai 2023 (erneut veröffentlicht von securnews am ${published.de})`
        : `to ${toWhom}, May 2023 (republished by securnews, ${published.en})`;
    let count = 0;
    for (const [command, name] of [
      ['expert', 'Barbieri'],
      ['expert', 'Frankopan'],
      ['expert', 'Marin'],
      ['country', 'Armenien'],
      ['country', 'Russland'],
      ['alliance', 'OVKS'],
    ] as const) {
      for (const { line } of quoteEntries(await embedsOf(command, 'name', name, locale), lang)) {
        count += 1;
        expect(line, `${command} ${name}`).toContain(expected);
      }
    }
    expect(count).toBeGreaterThan(23);
  });

  it("shows Barbieri's English words as the original wording in English, the printed German in German", async () => {
    // Paragraph 16: she said the CSTO shows "wirklich Risse".
    const printed = /„([^“]+)“/.exec(PARAGRAPHS[15] ?? '')?.[1] ?? '';
    expect(printed).toBe('wirklich Risse');
    const de = quoteEntries(await embedsOf('expert', 'name', 'Barbieri', 'de'), 'de');
    expect(de.some(({ line }) => line.startsWith(`„${printed}“ — `))).toBe(true);
    const en = quoteEntries(await embedsOf('expert', 'name', 'Barbieri', 'en-US'), 'en');
    const cracks = en.find(({ line }) => line.includes('cracks'))?.line ?? '';
    expect(cracks).toMatch(/^“really showing cracks\.” \*\(original wording: Insider, “Russia.s version of NATO is crumbling[^”]*”, May 2023\)\*/);
    expect(cracks).not.toContain('translated');
  });
});

describe('/search and the original wording', () => {
  it("finds Barbieri's English words and shows them as the original wording", async () => {
    const text = plainText(messageOf(await run(kb, chatInput('search', [str('query', 'showing cracks')], 'en-US'))));
    expect(text).toMatch(/Quote by Jaroslava Barbieri:\*\* “really showing cracks\.” \*\(original wording: Insider/);
  });
});

describe('/country armenia', () => {
  it.each(LOCALES)('shows only quotes about Armenia (%s)', async (locale, lang) => {
    const entries = quoteEntries(await embedsOf('country', 'name', 'armenia', locale), lang);
    expect(entries.length).toBeGreaterThan(0);
    for (const { line } of entries) {
      const ref = kb
        .quotesAbout('armenia')
        .slice()
        .find(({ quote }) => line.includes(lang === 'de' ? quote.text : (quote.original?.text ?? quote.translations.en ?? '')));
      expect(ref, line).toBeDefined();
      // The quote's paragraph, or the one introducing it, is about Armenia in the article's own words.
      const n = paragraphQuoting(ref?.quote.text ?? '');
      expect(n, line).toBeGreaterThan(0);
      expect(`${PARAGRAPHS[n - 2] ?? ''} ${PARAGRAPHS[n - 1] ?? ''}`, line).toMatch(/Armenien/);
    }
  });

  it('leaves out quotes of the article that are not about Armenia', async () => {
    const lines = quoteEntries(await embedsOf('country', 'name', 'armenia', 'de'), 'de').map(({ line }) => line);
    // Paragraph 65: Marin on whether the CSTO survives a Russian defeat; nothing about Armenia.
    const survival = /„([^“]+)“/.exec(PARAGRAPHS[64] ?? '')?.[1] ?? '';
    expect(survival).toMatch(/^Wenn Russland in der Ukraine/);
    expect(lines.some((line) => line.includes(survival))).toBe(false);
    expect(lines.length).toBeLessThan(kb.article('securnews-2024-12-27-csto')?.quotes.length ?? 0);
  });
});

describe('/timeline', () => {
  it.each(LOCALES)('puts events dated only by a year after the dated events of that year (%s)', async (locale, lang) => {
    const lines = fieldLines(await embedsOf('timeline', 'topic', '', locale), LABELS[lang].timeline);
    const dates = lines.map((line) => /^\*\*([^*]+)\*\*/.exec(line)?.[1] ?? line);
    const yearOf = (date: string): string => /\d{4}/.exec(date)?.[0] ?? '';
    dates.forEach((date, i) => {
      if (!/^\d{4}$/.test(date)) return;
      const later = dates.slice(i + 1).filter((other) => yearOf(other) === date && other !== date);
      expect(later, `${date} comes before ${later.join(', ')}`).toEqual([]);
    });
    // Paragraph 23: Kazakhstan refused troops "zu Beginn der Invasion", which paragraph 18 dates to February 2022.
    expect(PARAGRAPHS[17]).toContain('Februar 2022');
    const invasion = dates.findIndex((date) => date === (lang === 'de' ? 'Februar 2022' : 'February 2022'));
    const kazakhstan = lines.findIndex((line) => line.includes(lang === 'de' ? 'Kasachstan lehnt' : 'Kazakhstan turns down'));
    expect(invasion).toBeGreaterThanOrEqual(0);
    expect(kazakhstan).toBeGreaterThan(invasion);
  });
});

describe('background apart from the article', () => {
  it.each(LOCALES)('marks descriptions as background in every profile (%s)', async (locale, lang) => {
    for (const [command, name] of [
      ['country', 'armenia'],
      ['alliance', 'csto'],
      ['expert', 'marin'],
    ] as const) {
      const [first] = await embedsOf(command, 'name', name, locale);
      const description = first?.description ?? '';
      expect(description, `${command} ${name}`).toContain(`*${LABELS[lang].background}:*`);
      // The description is not a paragraph of the article.
      const line = description.split('\n').find((l) => l.includes(LABELS[lang].background)) ?? '';
      expect(PARAGRAPHS.some((p) => line.includes(p))).toBe(false);
    }
  });

  it.each(LOCALES)("says Armenia froze its CSTO participation after Insider's report and before the republication (%s)", async (locale, lang) => {
    const lines = fieldLines(await embedsOf('country', 'name', 'armenia', locale), LABELS[lang].background);
    const freeze = lines.find((line) => (lang === 'de' ? /eingefroren/ : /frozen/).test(line)) ?? '';
    expect(freeze).toContain(lang === 'de' ? '22. Februar 2024' : '22 February 2024');
    expect(freeze).toContain('France 24');
    expect(freeze).toMatch(
      lang === 'de'
        ? /nach dem Bericht, .*Insider, Mai 2023.*securnews, 27\. Dezember 2024/
        : /after the report .*Insider, May 2023.*securnews, 27 December 2024/,
    );
    // The article itself says nothing of a freeze.
    expect(ARTICLE_TEXT).not.toMatch(/eingefroren|einfrieren/);
  });
});
