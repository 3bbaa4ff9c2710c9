import { beforeAll, describe, expect, it } from 'vitest';

import { plain } from '../../src/cli/print.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { ARTICLE_FLAT, ARTICLE_TEXT, autocomplete, chatInput, choicesOf, fieldLines, loadKb, messageOf, run, str } from './harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

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
    expect(fieldLines(embeds, 'Date')).toEqual(['27 December 2024']);
    expect(ARTICLE_FLAT).toContain('Dezember 27, 2024');
    const publisher = fieldLines(embeds, 'Publisher')[0] ?? '';
    expect(ARTICLE_TEXT.split('\n').slice(0, 4).join(' ')).toContain(publisher);
    expect(ARTICLE_FLAT).toContain(`gegenüber ${fieldLines(embeds, 'Original source')[0]}`);
    const covers = fieldLines(embeds, 'Covers').join(', ');
    for (const name of ['CSTO', 'Armenia', 'Kazakhstan']) expect(covers).toContain(name);
  });

  it('finds an article from autocomplete and by id', async () => {
    const choices = choicesOf(await run(kb, autocomplete('summary', [str('article', '', true)])));
    const id = choices[0]?.value;
    expect(typeof id).toBe('string');
    const data = messageOf(await run(kb, chatInput('summary', [str('article', String(id))], 'de')));
    expect(data.embeds?.[0]?.title).toContain('Russlands Äquivalent zur NATO');
  });
});
