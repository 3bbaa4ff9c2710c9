// How good a draft is against an answer key written by hand: recall and
// precision of the entities it names, of its quotes (text, paragraph and
// speaker all right) and of its dated events whose date the text prints
// (paragraph and date right). Used by `npm run bench -- draft` and by the
// test that keeps the seed article's figures from regressing.
import { fold } from '../src/knowledge/normalize.js';
import type { Article, EntityKind } from '../src/knowledge/schema.js';

export interface AnswerKey {
  /** The entity kinds the key covers; a drafted entity of another kind is neither right nor wrong. */
  kinds?: EntityKind[];
  entities: string[];
  quotes: { paragraph: number; speaker: string; text: string }[];
  /** Events whose date the text prints. */
  events: { paragraph: number; date: string }[];
}

export interface Score {
  recall: number;
  precision: number;
  found: number;
  drafted: number;
  expected: number;
}

export interface Scores {
  entities: Score;
  quotes: Score;
  events: Score;
}

/** What a key written before organisations and places were kinds covers. */
export const FIRST_KINDS: readonly EntityKind[] = ['alliance', 'country', 'person', 'expert'];

/**
 * The seed's curated article as an answer key: events with a dateNote were corrected or inferred, not printed.
 * Its entities were curated when there were only the first four kinds: organisations and places are not in it.
 */
export function keyOfArticle(article: Article): AnswerKey {
  return {
    entities: article.entities,
    quotes: article.quotes.map((q) => ({ paragraph: q.paragraph, speaker: q.expert, text: q.text })),
    events: article.timeline.filter((e) => e.dateNote === undefined).map((e) => ({ paragraph: e.paragraph, date: e.date })),
  };
}

/** Quote wording compared as a reader would: case, spacing and the punctuation at either end aside. */
const wording = (text: string): string => fold(text).replace(/^[\s"'.,;:!?…]+|[\s"'.,;:!?…]+$/g, '');

function score(expected: readonly string[], drafted: readonly string[]): Score {
  const wanted = new Set(expected);
  const got = new Set(drafted);
  const found = [...got].filter((item) => wanted.has(item)).length;
  return {
    recall: wanted.size === 0 ? 1 : found / wanted.size,
    precision: got.size === 0 ? 1 : found / got.size,
    found,
    drafted: got.size,
    expected: wanted.size,
  };
}

/** `kindOf` tells the kind of a drafted entity id (a known one's, or a proposed one's). */
export function scoreDraft(article: Article, key: AnswerKey, kindOf: (id: string) => EntityKind | undefined): Scores {
  const kinds = new Set(key.kinds ?? FIRST_KINDS);
  return {
    entities: score(
      key.entities,
      article.entities.filter((id) => {
        const kind = kindOf(id);
        return kind === undefined || kinds.has(kind);
      }),
    ),
    quotes: score(
      key.quotes.map((q) => `${q.paragraph}|${q.speaker}|${wording(q.text)}`),
      article.quotes.map((q) => `${q.paragraph}|${q.expert}|${wording(q.text)}`),
    ),
    events: score(
      key.events.map((e) => `${e.paragraph}|${e.date}`),
      article.timeline.filter((e) => e.dateNote === undefined).map((e) => `${e.paragraph}|${e.date}`),
    ),
  };
}

export function formatScores(name: string, scores: Scores): string {
  const cell = (s: Score): string => `R ${s.recall.toFixed(2)} P ${s.precision.toFixed(2)} (${s.found} of ${s.expected}, ${s.drafted} drafted)`;
  return `${name}\n  entities ${cell(scores.entities)}\n  quotes   ${cell(scores.quotes)}\n  events   ${cell(scores.events)}`;
}
