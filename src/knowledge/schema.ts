// Shapes of everything in data/. Structural rules live here; rules that need
// more than one record (unknown ids, duplicate aliases, paragraph ranges) live
// in cross-references.ts.
import { z } from 'zod';

/** Lowercase slug used as the id of every record; stable across languages. */
export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "csto" or "anais-marin"');

const Text = z.string().trim().min(1, 'must not be empty');

/** Every text a user sees exists in German and English. */
export const LocalizedText = z.strictObject({ de: Text, en: Text });

/** A calendar date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  // The pattern allows days up to 31 in every month; shorter months are checked here,
  // by arithmetic (a Date made per value took four times as long: every load checks thousands).
  .refine(
    (value) => value.length < 10 || Number(value.slice(8)) <= daysInMonth(Number(value.slice(0, 4)), Number(value.slice(5, 7))),
    'is not a real calendar date',
  );

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const FullDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .pipe(PartialDate);

/** Where a fact comes from: an article and the paragraph in it (1-based, see data/README.md). */
export const Provenance = z.strictObject({
  article: Id,
  paragraph: z.number().int().positive(),
});

export const AliasLanguage = z.enum(['de', 'en', 'ru', 'other']);

export const Alias = z.strictObject({
  text: Text,
  lang: AliasLanguage,
  /** Set for misspellings the source printed (kept so lookups by them still work). */
  garbled: z.boolean().optional(),
  /** Set for adjectives and demonyms ("armenisch", "Armenian"): matched in text and found by lookups, not shown as a name. */
  adjective: z.boolean().optional(),
  /** Set for a word that stands for the entity without naming it ("Kreml", "Kremlin" for Russia's government): matched and found, not shown as a name. */
  metonym: z.boolean().optional(),
});

/** A fact about an entity, with its source. */
export const Fact = z.strictObject({
  text: LocalizedText,
  source: Provenance,
});

/** Set on a correction that the original text (see `firstPublished` and quotes' `original`) shows to be right. */
export const ConfirmedBy = z.literal('original');

/** What the machine-translated source got wrong and what we state instead. */
export const Correction = z.strictObject({
  /** The article's wording, verbatim. */
  articleSays: Text,
  /** The corrected statement. */
  corrected: LocalizedText,
  /** Why we corrected it. */
  reason: LocalizedText,
  source: Provenance,
  confirmedBy: ConfirmedBy.optional(),
});

/**
 * Something we know from outside the articles (not sourced to a paragraph):
 * shown apart from what the articles say, with where it comes from.
 */
export const BackgroundFact = z.strictObject({
  text: LocalizedText,
  /** When it happened, if it is an event; compared with the dates of the articles. */
  date: PartialDate.optional(),
  /** Where we know it from, described in words (e.g. an interview and who reported it). */
  source: LocalizedText,
});

const EntityBase = {
  id: Id,
  name: LocalizedText,
  aliases: z.array(Alias),
  description: LocalizedText,
  facts: z.array(Fact),
  corrections: z.array(Correction).default([]),
  /** Facts from outside the articles; `description` is background too. */
  background: z.array(BackgroundFact).default([]),
};

export const Alliance = z.strictObject({
  ...EntityBase,
  kind: z.literal('alliance'),
  fullName: LocalizedText,
  /** Member countries as the articles report them, each with its source. */
  members: z.array(z.strictObject({ country: Id, source: Provenance })),
});

/** ISO 3166-1 alpha-2 code, as the country data set writes it ("RU"). */
export const IsoCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code like "RU"');

export const Country = z.strictObject({
  ...EntityBase,
  kind: z.literal('country'),
  /** Merges the record with the country data set's entry of this code; absent for former states. */
  iso: IsoCode.optional(),
  /** Optional: a country known only from the country data set has none (see country-data-set.ts). */
  description: LocalizedText.optional(),
});

export const Person = z.strictObject({
  ...EntityBase,
  kind: z.literal('person'),
  country: Id.optional(),
  roles: z.array(Fact),
});

export const Expert = z.strictObject({
  ...EntityBase,
  kind: z.literal('expert'),
  affiliation: LocalizedText,
  field: LocalizedText,
});

/** An organisation that is not an alliance: a ministry, institute, party, bank, agency. */
export const Organisation = z.strictObject({
  ...EntityBase,
  kind: z.literal('organisation'),
  /** Where it is based, if in one country. */
  country: Id.optional(),
});

/** A place smaller than a country: a city, region or site. */
export const Place = z.strictObject({
  ...EntityBase,
  kind: z.literal('place'),
  /** The country it lies in, if one. */
  country: Id.optional(),
});

export const Entity = z.discriminatedUnion('kind', [Alliance, Country, Person, Expert, Organisation, Place]);

export const Topic = z.strictObject({
  id: Id,
  name: LocalizedText,
  aliases: z.array(Alias),
  description: LocalizedText,
});

const Link = z.url({ protocol: /^https?$/ }).max(2048);

/**
 * Where and when words an article republishes were first published: the
 * article's quotes were said to `by` around `date`, not on the article's date.
 */
export const FirstPublished = z.strictObject({
  /** The outlet the words were said to or first published by ("Insider"). */
  by: Text,
  date: PartialDate,
  /** The original's headline, as published. */
  title: Text.optional(),
  link: Link.optional(),
  /** How we know. */
  reason: LocalizedText,
});

/**
 * The speaker's words as first published in another language (e.g. the English
 * original of a machine-translated article). Never our translation.
 */
export const OriginalWording = z.strictObject({
  text: Text,
  language: z.enum(['de', 'en']),
  source: z.strictObject({ publisher: Text, title: Text, date: PartialDate, link: Link.optional() }),
});

/** A quote as printed in the article (original) with our renderings, marked as translations. */
export const Quote = z.strictObject({
  id: Id,
  expert: Id,
  paragraph: z.number().int().positive(),
  /** Language the article printed the quote in. */
  language: z.enum(['de', 'en']),
  /** Verbatim wording from the article. */
  text: Text,
  /** Renderings into the other language(s); always translations, never the speaker's words. */
  translations: z.strictObject({ de: Text.optional(), en: Text.optional() }),
  /** The words as first published in the other language, where a copy of the original is known. */
  original: OriginalWording.optional(),
  /** Where the printed wording inverts or garbles the meaning. */
  correction: z.strictObject({ meaning: LocalizedText, reason: LocalizedText, confirmedBy: ConfirmedBy.optional() }).optional(),
  /** When and to whom the words were said, where not the article's own (overrides the article's `firstPublished`). */
  firstPublished: FirstPublished.optional(),
  /** The entities (countries, alliances, people) the quote is about, read from the quote and its paragraph. */
  about: z.array(Id).min(1, 'say which entities the quote is about'),
  topics: z.array(Id),
});

export const TimelineEvent = z.strictObject({
  id: Id,
  date: PartialDate,
  text: LocalizedText,
  entities: z.array(Id),
  topics: z.array(Id),
  /** The paragraph the event is told in (the main one when it draws on several). */
  paragraph: z.number().int().positive(),
  /** Further paragraphs the event draws on (its date, what happened), when they are others. */
  alsoParagraphs: z.array(z.number().int().positive()).min(1).optional(),
  /** Set when the date had to be corrected or inferred; says how. */
  dateNote: LocalizedText.optional(),
});

export const KeyPoint = z.strictObject({
  text: LocalizedText,
  /** The paragraph the point is drawn from (the main one when it draws on several). */
  paragraph: z.number().int().positive(),
  /** Further paragraphs the point draws on, when it draws on several. */
  alsoParagraphs: z.array(z.number().int().positive()).min(1).optional(),
});

export const Section = z.strictObject({
  heading: LocalizedText,
  /** First and last paragraph of the section, inclusive. */
  paragraphs: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  keyPoints: z.array(KeyPoint).min(1, 'a section needs at least one key point'),
});

export const Article = z.strictObject({
  id: Id,
  title: z.strictObject({
    /** The headline exactly as published. */
    original: Text,
    language: z.enum(['de', 'en']),
    de: Text,
    en: Text,
  }),
  date: FullDate,
  publisher: Text,
  /** The outlet the article credits as its original source, if any. */
  originalSource: Text.optional(),
  /** Discord rejects embed links over 2048 characters. */
  url: Link.optional(),
  /** Set when the article republishes (e.g. translates) an earlier report: its quotes were said then. */
  firstPublished: FirstPublished.optional(),
  language: z.enum(['de', 'en']),
  /** Number of paragraphs in the source text (see data/README.md for how they are counted). */
  paragraphCount: z.number().int().positive(),
  topics: z.array(Id).min(1),
  entities: z.array(Id).min(1),
  summary: z.array(KeyPoint).min(1),
  sections: z.array(Section).min(1),
  quotes: z.array(Quote),
  timeline: z.array(TimelineEvent),
  /** Errors of the source text that the data corrects. */
  corrections: z.array(Correction),
  notes: z.array(LocalizedText).default([]),
});

export const EntityFile = z.array(Entity);
export const TopicFile = z.array(Topic);

export type LocalizedText = z.infer<typeof LocalizedText>;
export type Provenance = z.infer<typeof Provenance>;
export type Alias = z.infer<typeof Alias>;
export type Fact = z.infer<typeof Fact>;
export type Correction = z.infer<typeof Correction>;
export type BackgroundFact = z.infer<typeof BackgroundFact>;
export type FirstPublished = z.infer<typeof FirstPublished>;
export type OriginalWording = z.infer<typeof OriginalWording>;
export type Alliance = z.infer<typeof Alliance>;
export type Country = z.infer<typeof Country>;
export type Person = z.infer<typeof Person>;
export type Expert = z.infer<typeof Expert>;
export type Organisation = z.infer<typeof Organisation>;
export type Place = z.infer<typeof Place>;
export type Entity = z.infer<typeof Entity>;
export type EntityKind = Entity['kind'];
export type Topic = z.infer<typeof Topic>;
export type Quote = z.infer<typeof Quote>;
export type TimelineEvent = z.infer<typeof TimelineEvent>;
export type KeyPoint = z.infer<typeof KeyPoint>;
export type Section = z.infer<typeof Section>;
export type Article = z.infer<typeof Article>;
