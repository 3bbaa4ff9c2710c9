// Keeps the seed article's figures from regressing: `draft` on its text against
// the curated article (the answer key; the draft reads only the text, the
// options and the knowledge base's entities and topics). `npm run bench -- draft`
// prints these figures and those of the other texts.
import { beforeAll, describe, expect, it } from 'vitest';

import { draftCases, loadKnowledgeBase, scoreCase, SEED_ID, SEED_OPTIONS } from '../../bench/draft-quality.js';
import { draftArticle } from '../../src/draft/draft-article.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { Article, EntityFile } from '../../src/knowledge/schema.js';
import { findTodos, isTodo } from '../../src/knowledge/to-do.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase();
});

/** The draft as a curator leaves it: every to-do done (here: replaced by a plausible value of its field). */
function withTodosDone(value: unknown, key = ''): unknown {
  if (isTodo(value)) return key === 'expert' ? 'anais-marin' : key === 'date' ? '2022' : /^(?:about|entities|topics)$/.test(key) ? 'russia' : 'done';
  if (Array.isArray(value)) return value.map((item) => withTodosDone(item, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTodosDone(v, k)]));
  return value;
}

describe('draft on the seed article (answer key: the curated article)', () => {
  it('finds the entities: recall ≥ 0.95 at precision ≥ 0.9', () => {
    const { entities } = scoreCase(kb, draftCases(kb)[0]!);
    expect(entities.recall).toBeGreaterThanOrEqual(0.95);
    expect(entities.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the quotes with text, paragraph and speaker right: recall and precision ≥ 0.9', () => {
    const { quotes } = scoreCase(kb, draftCases(kb)[0]!);
    expect(quotes.expected).toBeGreaterThan(20);
    expect(quotes.recall).toBeGreaterThanOrEqual(0.9);
    expect(quotes.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the events whose date the text prints, with paragraph and date right: recall ≥ 0.8', () => {
    const { events } = scoreCase(kb, draftCases(kb)[0]!);
    expect(events.expected).toBeGreaterThan(5);
    expect(events.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('is the data format of data/articles/ once its to-dos are done, and has to-dos until then', () => {
    const draft = draftArticle(draftCases(kb)[0]!.text, SEED_OPTIONS, kb);
    expect(findTodos(draft.article).length).toBeGreaterThan(0);
    expect(Article.safeParse(withTodosDone(draft.article)).error?.issues).toBeUndefined();
    expect(EntityFile.safeParse(withTodosDone(draft.entities)).error?.issues).toBeUndefined();
    expect(draft.article.id).toBe(SEED_ID);
    expect(draft.article.paragraphCount).toBe(kb.article(SEED_ID)!.paragraphCount);
  });

  it('numbers sections from sub-heading-like lines as the curators did', () => {
    const draft = draftArticle(draftCases(kb)[0]!.text, SEED_OPTIONS, kb);
    expect(draft.article.sections.map((s) => s.paragraphs)).toEqual(kb.article(SEED_ID)!.sections.map((s) => s.paragraphs));
  });

  it('marks an inferred date with a note saying how it was inferred, against --written', () => {
    const draft = draftArticle(draftCases(kb)[0]!.text, SEED_OPTIONS, kb);
    // Paragraph 23: "im Oktober" without a year, written May 2023: October 2022.
    const october = draft.article.timeline.find((e) => e.paragraph === 23 && e.date === '2022-10');
    expect(october?.dateNote?.en).toMatch(/2023-05/);
  });

  it('lists each entity with the paragraphs that name it', () => {
    const draft = draftArticle(draftCases(kb)[0]!.text, SEED_OPTIONS, kb);
    // Paragraph 6 names the Kyrgyz president "Sadir Japarov" (an alias); paragraph 23 Tajikistan's president by office only.
    expect(draft.mentions['sadyr-japarov']).toEqual([6]);
    expect(draft.mentions['emomali-rahmon']).toEqual([23]);
  });
});
