import { describe, expect, it } from 'vitest';

import { checkMessage, embedLength, LIMITS } from '../../src/render/discord-limits.js';
import { allPages, layOut } from '../../src/render/document.js';
import { decodePageId, encodePageId, pagedReply, pageLabels } from '../../src/render/paging.js';

const labels = pageLabels('en');
const line = (i: number): string => `• Line ${i}: ${'lorem ipsum dolor sit amet '.repeat(3)}`;

const huge = {
  title: 'T'.repeat(300),
  description: Array.from({ length: 300 }, (_, i) => line(i)),
  sections: Array.from({ length: 40 }, (_, s) => ({ name: `Section ${s}`, lines: Array.from({ length: 20 }, (_, i) => line(s * 100 + i)) })),
  footer: 'Lagebild',
};

describe('layOut', () => {
  it('lays out a huge document into pages that each respect every limit, losing nothing', () => {
    const pages = allPages(layOut(huge, labels));
    expect(pages.length).toBeGreaterThan(5);
    for (const [i, embed] of pages.entries()) {
      expect(checkMessage({ embeds: [embed] })).toEqual([]);
      expect(embed.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(embed.footer?.text).toContain(`Page ${i + 1}/${pages.length}`);
      expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
    const all = pages.flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)]).join('\n');
    for (const i of [0, 299, 3919]) expect(all).toContain(`Line ${i}:`);
    expect(pages.flatMap((e) => e.fields ?? []).some((f) => f.name === 'Section 3 (continued)')).toBe(true);
  });

  it('makes any one page on its own, in any order, exactly as when every page is made', () => {
    const all = allPages(layOut(huge, labels));
    const pages = layOut(huge, labels);
    expect(pages.count).toBe(all.length);
    for (let i = pages.count - 1; i >= 0; i -= 3) expect(pages.page(i)).toEqual(all[i]);
  });
});

describe('page buttons', () => {
  it('encode and decode a page reference, state may hold colons', () => {
    const ref = { command: 'search', language: 'de' as const, page: 3, state: 'a:b c' };
    expect(decodePageId(encodePageId(ref))).toEqual(ref);
    expect(decodePageId('page:x:fr:1:y')).toBeUndefined();
    expect(decodePageId('something else')).toBeUndefined();
  });

  it('omit buttons for a single page and give distinct ids within 100 characters', () => {
    const small = pagedReply({ title: 't', description: ['d'], sections: [], footer: 'f' }, { command: 'c', language: 'en', page: 0, state: 's' });
    expect(small.components).toEqual([]);
    const big = pagedReply(
      { title: 't', description: Array.from({ length: 200 }, (_, i) => line(i)), sections: [], footer: 'f' },
      { command: 'c', language: 'en', page: 0, state: 's' },
    );
    expect(checkMessage(big)).toEqual([]);
    expect(big.components).toHaveLength(1);
  });
});

describe('checkMessage', () => {
  it('reports each broken limit', () => {
    const problems = checkMessage({
      content: 'x'.repeat(2001),
      embeds: [{ title: 't'.repeat(257), fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v'.repeat(1025) })) }],
    });
    expect(problems.join('\n')).toMatch(/content[\s\S]*title[\s\S]*fields is 26[\s\S]*value[\s\S]*total/);
    expect(checkMessage({})).toEqual(['message has neither content, embeds nor components']);
  });

  it('reports an embed link longer than Discord accepts', () => {
    const url = `https://example.org/${'a'.repeat(2048)}`;
    expect(checkMessage({ embeds: [{ title: 't', url }] })).toEqual([`embeds[0].url is ${url.length} long, over the limit of 2048`]);
    expect(checkMessage({ embeds: [{ title: 't', url: 'https://example.org/' }] })).toEqual([]);
  });
});
