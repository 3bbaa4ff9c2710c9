// `lagebild draft`: an article's data drafted from its text, as complete as
// text alone allows. A pure function of the text, the curator's options and the
// knowledge base; what text cannot give is a to-do (src/knowledge/to-do.ts), so
// the draft is refused by `check` and `publish` until a curator has done it.
import { ENTITY_KINDS, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { lowerBound } from '../knowledge/lower-bound.js';
import type { Article, Entity, Fact, KeyPoint, LocalizedText, Organisation, Place, Quote, Section, TimelineEvent } from '../knowledge/schema.js';
import { todo } from '../knowledge/to-do.js';
import { createTopicMatcher } from '../knowledge/topic-matcher.js';
import { findDates } from './dates.js';
import { detectLanguage } from './language.js';
import { readLayout } from './layout.js';
import { entityFinder, findMentions } from './mentions.js';
import { findNewNames, type NameFound } from './new-names.js';
import { findNewOrganisations, type OrganisationFound } from './new-organisations.js';
import { findNewPlaces, type PlaceFound } from './new-places.js';
import { type Paragraph, splitParagraphs } from './paragraphs.js';
import { findSpeech } from './quotes.js';
import { slugify } from './slug.js';
import { topicsFinder } from './topics.js';

export type Lang = 'de' | 'en';

export interface DraftOptions {
  id: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  publisher: string;
  language?: Lang;
  /** When the text was written, if not on `date` (YYYY-MM or YYYY-MM-DD): relative dates resolve against it. */
  written?: string;
  link?: string;
}

export interface Draft {
  article: Article;
  /** Proposed new entities, and known ones extended with facts from this article. */
  entities: Entity[];
  /** Every entity the article names, with the paragraphs that name it, in order of first mention. */
  mentions: Record<string, number[]>;
}

const LANGUAGE_NAMES: Record<Lang, string> = { de: 'German', en: 'English' };
const other = (lang: Lang): Lang => (lang === 'de' ? 'en' : 'de');

/** Text in `lang` as printed, with a to-do for the other language. */
function printed(lang: Lang, text: string): LocalizedText {
  const result = { de: '', en: '' };
  result[lang] = text;
  result[other(lang)] = todo(`translate into ${LANGUAGE_NAMES[other(lang)]}: ${text}`);
  return result;
}

/** A to-do in both languages. */
function both(what: string): LocalizedText {
  return { de: todo(`${what} (in German)`), en: todo(`${what} (in English)`) };
}

/** Where the sentences of `text` end: a reader's sentences, not split at "16. Februar". */
function sentenceEnds(text: string): number[] {
  return [...text.matchAll(/(?<=[^\d\s][.!?“"])\s+(?=[\p{Lu}„"“])/gu)].map((m) => m.index);
}

/** The sentence around [start, end), given the sentence ends (ascending). */
function sentenceAround(text: string, ends: readonly number[], start: number, end: number): string {
  const after = lowerBound(ends, end);
  const before = lowerBound(ends, start) - 1;
  return text.slice(before >= 0 ? ends[before]! : 0, after < ends.length ? ends[after]! : text.length).trim();
}

export function draftArticle(text: string, options: DraftOptions, kb: KnowledgeBase): Draft {
  const paragraphs = splitParagraphs(text);
  const detected = detectLanguage(text);
  const lang: Lang = options.language ?? detected ?? 'de';
  const reference = options.written ?? options.date;
  const layout = readLayout(paragraphs);
  const finder = entityFinder(kb);
  const topicsOf = topicsFinder(kb);

  // New people, organisations and places first, so their later mentions (a person's surname, an acronym) count too.
  const known = (name: string): boolean => finder.entities(name).size > 0;
  const knownExactly = (name: string): boolean => ENTITY_KINDS.some((kind) => kb.resolve(kind, name) !== undefined);
  const taken = new Set<string>();
  const withId = <T extends { name: string }>(found: T): T & { id: string } => ({ ...found, id: uniqueId(slugify(found.name), kb, taken) });
  const newOrganisations = findNewOrganisations(paragraphs, knownExactly).map(withId);
  const newPlaces = findNewPlaces(
    paragraphs,
    (name) => known(name) || newOrganisations.some((o) => o.name.includes(name)),
    (name) => kb.resolve('country', name),
  ).map(withId);
  // "Chatham House" is an organisation, not a person named House; "der Universität Birmingham Anna Berg" names Anna Berg.
  const institutional = [...newOrganisations, ...newPlaces].map((record) => record.name);
  const lastWords = new Set(institutional.map((name) => name.split(' ').at(-1)!));
  const newPeople = findNewNames(paragraphs, known, lang)
    .map((found) => {
      const words = found.name.split(' ');
      return words.length > 2 && lastWords.has(words[0]!) ? { ...found, name: words.slice(1).join(' ') } : found;
    })
    .filter((found) => !institutional.some((name) => name.includes(found.name)))
    .map(withId);
  const newMatcher = createTopicMatcher([
    ...newPeople.map((p) => ({ id: p.id, names: namesOfNewPerson(p.name) })),
    ...newOrganisations.map((o) => ({ id: o.id, names: o.acronym === undefined ? [o.name] : [o.name, o.acronym] })),
    ...newPlaces.map((p) => ({ id: p.id, names: [p.name] })),
  ]);
  const mentions = findMentions(paragraphs, {
    entities: (t) => new Set([...finder.entities(t), ...newMatcher.match(t)]),
    offices: (t) => finder.offices(t),
  });

  const newIds = new Set(newPeople.map((p) => p.id));
  // A new person introduced by a political office is a person whose words are facts; only experts are quoted (data/README.md).
  const officials = new Set(newPeople.filter((p) => p.official).map((p) => p.id));
  const countryOf = (iso: string | undefined): string | undefined =>
    iso === undefined ? undefined : kb.entitiesOfKind('country').find((c) => c.iso === iso)?.id;
  const isSpeaker = (id: string): boolean => newIds.has(id) || ['person', 'expert'].includes(kb.entity(id)?.kind ?? '');
  const speakersIn = (t: string): string[] => [...finder.entities(t), ...finder.offices(t), ...newMatcher.match(t)].filter(isSpeaker);
  const sourcesIn = (t: string): string[] => [...finder.entities(t), ...newMatcher.match(t)].filter((id) => !isSpeaker(id));
  const speech = findSpeech(paragraphs, speakersIn, sourcesIn);

  const isQuotable = (id: string | undefined): boolean =>
    id === undefined || kb.entity(id)?.kind === 'expert' || (newIds.has(id) && !officials.has(id));
  const quotes: Quote[] = [];
  const statements: { speaker: string; paragraph: number; text: string }[] = speech.paraphrases.map((p) => ({ ...p }));
  const stated = new Set<string>();
  const quotesIn = new Map<number, number>();
  for (const found of speech.quotes) {
    if (!isQuotable(found.speaker)) {
      // One statement per speaker and paragraph, however many quotes it holds.
      const key = `${found.speaker}|${found.paragraph}`;
      if (!stated.has(key)) {
        stated.add(key);
        statements.push({ speaker: found.speaker!, paragraph: found.paragraph, text: paragraphs[found.paragraph - 1]!.text });
      }
      continue;
    }
    const about = aboutOf(found.paragraph, found.speaker, mentions.byParagraph);
    quotes.push({
      id: `q${found.paragraph}-${count(quotesIn, found.paragraph)}`,
      expert: found.speaker ?? todo(`who said this? paragraph ${found.paragraph} names no speaker the draft could find`),
      paragraph: found.paragraph,
      language: lang,
      text: found.text,
      translations: { [other(lang)]: todo(`translate into ${LANGUAGE_NAMES[other(lang)]}`) },
      about: about.length > 0 ? about : [todo('which entities is this quote about?')],
      topics: topicsOf.forEntities(about),
    });
  }

  const article: Article = {
    id: options.id,
    title: {
      original: layout.title?.text ?? todo('the headline, as published'),
      language: lang,
      ...(layout.title ? printed(lang, layout.title.text) : both('the headline')),
    },
    date: options.date,
    publisher: options.publisher,
    ...(options.link === undefined ? {} : { url: options.link }),
    ...(options.written !== undefined && options.written !== options.date
      ? {
          firstPublished: {
            by: todo(`who first published this text (it was written ${options.written})`),
            date: options.written,
            reason: both(`how we know the text was written ${options.written}`),
          },
        }
      : {}),
    language: lang,
    paragraphCount: Math.max(1, paragraphs.length),
    topics: [],
    entities: [...mentions.byEntity.keys()],
    summary: summaryOf(layout.bullets, lang, paragraphs),
    sections: sectionsOf(layout.headings, paragraphs, lang),
    quotes,
    timeline: timelineOf(paragraphs, reference, lang, finder, topicsOf),
    corrections: [],
    notes: notesOf(options, detected, mentions.byOffice, kb),
  };
  article.topics = topicsOf.forText(text, article.entities);
  if (article.topics.length === 0) article.topics = [todo('tag the article with at least one topic of data/topics.json')];
  if (article.entities.length === 0) article.entities = [todo('name at least one entity the article is about')];

  return {
    article,
    entities: [
      ...newEntities(newPeople, quotes, statements, options.id, lang),
      ...newOrganisations.map((o) => newOrganisation(o, paragraphs, options.id, lang)),
      ...newPlaces.map((p) => newPlace(p, p.country ?? countryOf(p.capitalOf), paragraphs, options.id, lang)),
      ...extendedEntities(statements, newPeople, options.id, lang, kb),
    ],
    mentions: Object.fromEntries(mentions.byEntity),
  };
}

/**
 * What a new person may be called later in the text: the full name, the surname,
 * and both in the German genitive ("Webers Einschätzung"); the knowledge base's
 * matcher knows only the names it holds, so these forms are the draft's own.
 */
function namesOfNewPerson(name: string): string[] {
  const surname = name.split(/\s+/).at(-1)!;
  const genitive = (word: string): string => (/[sßxz]$/.test(word) ? `${word}'` : `${word}s`);
  return [name, surname, genitive(name), genitive(surname)];
}

/** Counts one more of `key`; returns the new count. */
function count(counts: Map<number, number>, key: number): number {
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  return n;
}

/** An id for a new record, not taken by the knowledge base nor by another new record (`taken`, which it joins). */
function uniqueId(base: string, kb: KnowledgeBase, taken: Set<string>): string {
  const root = base.length > 0 ? base : 'entity';
  let id = root;
  for (let n = 2; kb.entity(id) !== undefined || kb.topic(id) !== undefined || taken.has(id); n++) id = `${root}-${n}`;
  taken.add(id);
  return id;
}

/** The entities named in the quote's paragraph (else the one before), without the speaker. */
function aboutOf(paragraph: number, speaker: string | undefined, byParagraph: ReadonlyMap<number, ReadonlySet<string>>): string[] {
  for (const p of [paragraph, paragraph - 1]) {
    const ids = [...(byParagraph.get(p) ?? [])].filter((id) => id !== speaker);
    if (ids.length > 0) return ids;
  }
  return [];
}

function summaryOf(bullets: readonly Paragraph[], lang: Lang, paragraphs: readonly Paragraph[]): KeyPoint[] {
  if (bullets.length > 0) return bullets.slice(0, 3).map((b) => ({ text: printed(lang, b.text), paragraph: b.number }));
  return [{ text: both('summarise the article in up to three points'), paragraph: paragraphs.length > 0 ? 1 : 1 }];
}

function sectionsOf(headings: readonly Paragraph[], paragraphs: readonly Paragraph[], lang: Lang): Section[] {
  const last = Math.max(1, paragraphs.length);
  const starts = [
    { number: 1, heading: both('a heading for the introduction') },
    ...headings.map((h) => ({ number: h.number, heading: printed(lang, h.text) })),
  ].filter((start, i) => i === 0 || start.number > 1);
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.number - 1 : last;
    return {
      heading: start.heading,
      paragraphs: [start.number, end],
      keyPoints: [{ text: both(`the key points of paragraphs ${start.number}–${end}, each citing its paragraph`), paragraph: start.number }],
    };
  });
}

function timelineOf(
  paragraphs: readonly Paragraph[],
  reference: string,
  lang: Lang,
  finder: ReturnType<typeof entityFinder>,
  topicsOf: ReturnType<typeof topicsFinder>,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const { number, text } of paragraphs) {
    const dates = new Set<string>();
    const ends = sentenceEnds(text);
    for (const found of findDates(text, reference)) {
      const key = found.date ?? found.printed;
      if (dates.has(key)) continue;
      dates.add(key);
      const sentence = sentenceAround(text, ends, found.start, found.end);
      const entities = [...finder.entities(sentence), ...finder.offices(sentence)];
      events.push({
        id: `p${number}-${slugify(found.date ?? found.printed) || 'date'}`,
        date: found.date ?? todo(`the date of "${found.printed}": ${found.inferred ?? ''}`),
        text: printed(lang, sentence),
        entities: [...new Set(entities)],
        topics: topicsOf.forEntities(entities),
        paragraph: number,
        ...(found.inferred === undefined
          ? {}
          : {
              dateNote: {
                en: `Inferred, not printed: "${found.printed}"; ${found.inferred}.`,
                de: todo(`in German: inferred, not printed: "${found.printed}"; ${found.inferred}`),
              },
            }),
      });
    }
  }
  return events;
}

function notesOf(
  options: DraftOptions,
  detected: Lang | undefined,
  byOffice: readonly { id: string; paragraph: number }[],
  kb: KnowledgeBase,
): LocalizedText[] {
  const notes: LocalizedText[] = [];
  if (detected === undefined) notes.push(both('the text reads as neither German nor English: check it is the right file and set --language'));
  if (options.written !== undefined && options.written !== options.date) {
    notes.push(both(`say that relative times ("last year") refer to when the text was written (${options.written}), not to ${options.date}`));
  }
  for (const { id, paragraph } of byOffice) {
    const name = kb.entity(id)?.name.en ?? id;
    notes.push(
      both(
        `paragraph ${paragraph} names ${name} (${id}) by office only; the draft linked them through the knowledge base's roles: confirm, and say so`,
      ),
    );
  }
  notes.push(both('read the text for misprints (names, dates, garbled phrases) and record them as corrections, then delete this note'));
  return notes;
}

function sourced(text: LocalizedText, article: string, paragraph: number): Fact {
  return { text, source: { article, paragraph } };
}

function newEntities(
  people: readonly (NameFound & { id: string })[],
  quotes: readonly Quote[],
  statements: readonly { speaker: string; paragraph: number; text: string }[],
  article: string,
  lang: Lang,
): Entity[] {
  return people.map((person) => {
    const intro = person.introducedAs.length > 0 ? `${person.name}, ${person.introducedAs}` : person.name;
    const base = {
      id: person.id,
      name: { de: person.name, en: person.name },
      aliases: person.name.includes(' ') ? [{ text: person.name.split(/\s+/).at(-1)!, lang }] : [],
      description: both(`who ${person.name} is, true in general (the text says: "${intro}")`),
      facts: [
        sourced(printed(lang, intro), article, person.paragraph),
        ...statements.filter((s) => s.speaker === person.id).map((s) => sourced(printed(lang, s.text), article, s.paragraph)),
      ],
      corrections: [],
      background: [],
    };
    if (quotes.some((q) => q.expert === person.id)) {
      return { ...base, kind: 'expert', affiliation: both(`${person.name}'s affiliation`), field: both(`${person.name}'s field`) };
    }
    return {
      ...base,
      kind: 'person',
      roles: person.introducedAs.length > 0 ? [sourced(printed(lang, person.introducedAs), article, person.paragraph)] : [],
    };
  });
}

/** The sentence of its paragraph that first names `name` (the whole paragraph if none does verbatim). */
function sentenceNaming(name: string, paragraph: number, paragraphs: readonly Paragraph[]): string {
  const text = paragraphs[paragraph - 1]!.text;
  const at = text.indexOf(name);
  return at < 0 ? text : sentenceAround(text, sentenceEnds(text), at, at + name.length);
}

/** A proposed organisation: what the text says of it is a fact; what it is and where, the curator says. */
function newOrganisation(found: OrganisationFound & { id: string }, paragraphs: readonly Paragraph[], article: string, lang: Lang): Organisation {
  const sentence = sentenceNaming(found.name, found.paragraph, paragraphs);
  return {
    id: found.id,
    kind: 'organisation',
    name: printed(lang, found.name),
    aliases: found.acronym === undefined ? [] : [{ text: found.acronym, lang }],
    description: both(`what ${found.name} is, true in general (the text says: "${sentence}")`),
    facts: [sourced(printed(lang, sentence), article, found.paragraph)],
    corrections: [],
    background: [],
    country: todo(`the id of the country ${found.name} is based in, or delete this field`),
  };
}

/** A proposed place; a capital comes with its country. */
function newPlace(
  found: PlaceFound & { id: string },
  country: string | undefined,
  paragraphs: readonly Paragraph[],
  article: string,
  lang: Lang,
): Place {
  const sentence = sentenceNaming(found.name, found.paragraph, paragraphs);
  return {
    id: found.id,
    kind: 'place',
    name: printed(lang, found.name),
    aliases: [],
    description: both(`what ${found.name} is, true in general${country === undefined ? '' : ` (the capital of ${country})`}`),
    facts: [sourced(printed(lang, sentence), article, found.paragraph)],
    corrections: [],
    background: [],
    country: country ?? todo(`the id of the country ${found.name} lies in, or delete this field`),
  };
}

/** Known people with this article's statements added as facts (a copy: the curator merges it into their file). */
function extendedEntities(
  statements: readonly { speaker: string; paragraph: number; text: string }[],
  people: readonly { id: string }[],
  article: string,
  lang: Lang,
  kb: KnowledgeBase,
): Entity[] {
  const byId = new Map<string, Entity>();
  for (const statement of statements) {
    if (people.some((p) => p.id === statement.speaker)) continue;
    const entity = kb.entity(statement.speaker);
    if (!entity) continue;
    const extended = byId.get(entity.id) ?? { ...entity, facts: [...entity.facts] };
    byId.set(entity.id, extended);
    extended.facts.push(sourced(printed(lang, statement.text), article, statement.paragraph));
  }
  return [...byId.values()];
}
