// Rules that need more than one record: ids unique and known, names unambiguous,
// paragraph references inside their article, dates not after their article.
// Runs after schema validation, so every record here is well-formed.
import { isKnownIsoCode } from './country-data-set.js';
import { type DataProblem, jsonPath, type PathSegment, withArticle } from './data-problem.js';
import { fold } from './normalize.js';
import type { Article, Entity, EntityKind, KeyPoint, LocalizedText, Provenance, Topic } from './schema.js';

/** A validated record and where it came from (`path` is `$` for a whole file). */
export interface Located<T> {
  file: string;
  path: string;
  value: T;
}

export interface LocatedDataset {
  articles: Located<Article>[];
  entities: Located<Entity>[];
  topics: Located<Topic>[];
}

const LANGUAGE_NAMES = { de: 'German', en: 'English' } as const;

export function checkCrossReferences(data: LocatedDataset): DataProblem[] {
  const problems: DataProblem[] = [];
  const report = (at: Located<unknown>, segments: readonly PathSegment[], message: string): void => {
    problems.push({ file: at.file, path: jsonPath(at.path, ...segments), message });
  };
  const where = (at: Located<unknown>, ...segments: PathSegment[]): string => `${at.file} ${jsonPath(at.path, ...segments)}`;

  // Entities and topics share one id space: commands filter by "entity or topic id".
  const entities = new Map<string, Located<Entity>>();
  const topics = new Map<string, Located<Topic>>();
  const firstById = new Map<string, Located<unknown>>();
  const claimId = (at: Located<unknown>, id: string, registry: Map<string, Located<unknown>>): boolean => {
    const first = registry.get(id);
    if (first) {
      report(at, ['id'], `duplicate id "${id}" (first at ${where(first, 'id')})`);
      return false;
    }
    registry.set(id, at);
    return true;
  };
  for (const at of data.entities) if (claimId(at, at.value.id, firstById)) entities.set(at.value.id, at);
  for (const at of data.topics) if (claimId(at, at.value.id, firstById)) topics.set(at.value.id, at);
  const articles = new Map<string, Located<Article>>();
  const firstArticle = new Map<string, Located<unknown>>();
  for (const at of data.articles) if (claimId(at, at.value.id, firstArticle)) articles.set(at.value.id, at);

  checkNamesUnambiguous(data, report);
  checkIsoCodes(data, report);

  const entityRef = (id: string, kind?: EntityKind): string | undefined => {
    const found = entities.get(id);
    if (!found) return `unknown ${kind ?? 'entity'} "${id}"`;
    if (kind && found.value.kind !== kind) return `"${id}" is ${withArticle(found.value.kind)}, not ${withArticle(kind)}`;
    return undefined;
  };
  const topicRef = (id: string): string | undefined => (topics.has(id) ? undefined : `unknown topic "${id}"`);
  const checkIds = (
    at: Located<unknown>,
    segments: readonly PathSegment[],
    ids: readonly string[],
    check: (id: string) => string | undefined,
  ): void => {
    for (let i = 0; i < ids.length; i++) {
      const message = check(ids[i]!);
      if (message) report(at, [...segments, i], message);
    }
  };
  const checkParagraph = (at: Located<unknown>, segments: readonly PathSegment[], paragraph: number, article: Article): void => {
    if (paragraph > article.paragraphCount) {
      report(at, [...segments, 'paragraph'], `paragraph ${paragraph} is beyond the ${article.paragraphCount} paragraphs of article "${article.id}"`);
    }
  };
  const checkSource = (at: Located<unknown>, segments: readonly PathSegment[], source: Provenance): void => {
    const article = articles.get(source.article);
    if (!article) report(at, [...segments, 'article'], `unknown article "${source.article}"`);
    else checkParagraph(at, segments, source.paragraph, article.value);
  };

  for (const at of data.entities) {
    const entity = at.value;
    entity.facts.forEach((fact, i) => checkSource(at, ['facts', i, 'source'], fact.source));
    entity.corrections.forEach((correction, i) => checkSource(at, ['corrections', i, 'source'], correction.source));
    if (entity.kind === 'alliance') {
      entity.members.forEach((member, i) => {
        const message = entityRef(member.country, 'country');
        if (message) report(at, ['members', i, 'country'], message);
        checkSource(at, ['members', i, 'source'], member.source);
      });
    }
    if (entity.kind === 'person') entity.roles.forEach((role, i) => checkSource(at, ['roles', i, 'source'], role.source));
    if (entity.kind === 'person' || entity.kind === 'organisation' || entity.kind === 'place') {
      if (entity.country !== undefined) {
        const message = entityRef(entity.country, 'country');
        if (message) report(at, ['country'], message);
      }
    }
  }

  for (const at of data.articles) {
    const article = at.value;
    checkIds(at, ['topics'], article.topics, topicRef);
    checkIds(at, ['entities'], article.entities, (id) => entityRef(id));
    article.summary.forEach((point, i) => checkCitedParagraphs(at, ['summary', i], point, article, report));
    checkSections(at, report);
    article.sections.forEach((section, s) =>
      section.keyPoints.forEach((point, k) => checkCitedParagraphs(at, ['sections', s, 'keyPoints', k], point, article, report)),
    );
    // Words are published before (or when) an article republishes them.
    const checkFirstPublished = (segments: readonly PathSegment[], date: string | undefined): void => {
      if (date !== undefined && date > article.date) report(at, [...segments, 'date'], `${date} is after the article's date ${article.date}`);
    };
    checkFirstPublished(['firstPublished'], article.firstPublished?.date);

    // Quote and event ids are unique within their article. Paths are built only for a problem.
    const quoteIds = new Map<string, number>();
    article.quotes.forEach((quote, i) => {
      const first = quoteIds.get(quote.id);
      if (first === undefined) quoteIds.set(quote.id, i);
      else report(at, ['quotes', i, 'id'], `duplicate id "${quote.id}" (first at ${where(at, 'quotes', first, 'id')})`);
      const expert = entityRef(quote.expert, 'expert');
      if (expert) report(at, ['quotes', i, 'expert'], expert);
      checkParagraph(at, ['quotes', i], quote.paragraph, article);
      const other = quote.language === 'de' ? 'en' : 'de';
      if (quote.translations[other] === undefined) {
        report(
          at,
          ['quotes', i, 'translations', other],
          `missing: a quote printed in ${LANGUAGE_NAMES[quote.language]} needs a translation into ${LANGUAGE_NAMES[other]}`,
        );
      }
      checkIds(at, ['quotes', i, 'topics'], quote.topics, topicRef);
      checkIds(at, ['quotes', i, 'about'], quote.about, (id) => entityRef(id));
      checkFirstPublished(['quotes', i, 'firstPublished'], quote.firstPublished?.date);
      if (quote.original !== undefined) {
        if (quote.original.language === quote.language) {
          report(
            at,
            ['quotes', i, 'original', 'language'],
            `the original wording must be in another language than the printed ${LANGUAGE_NAMES[quote.language]}`,
          );
        }
        if (quote.original.source.date > article.date) {
          report(at, ['quotes', i, 'original', 'source', 'date'], `${quote.original.source.date} is after the article's date ${article.date}`);
        }
      }
    });

    const eventIds = new Map<string, number>();
    article.timeline.forEach((event, i) => {
      const first = eventIds.get(event.id);
      if (first === undefined) eventIds.set(event.id, i);
      else report(at, ['timeline', i, 'id'], `duplicate id "${event.id}" (first at ${where(at, 'timeline', first, 'id')})`);
      // A partial date compares by its start: "2024" and "2024-12" both precede "2024-12-27".
      if (event.date > article.date) report(at, ['timeline', i, 'date'], `${event.date} is after the article's date ${article.date}`);
      checkIds(at, ['timeline', i, 'entities'], event.entities, (id) => entityRef(id));
      checkIds(at, ['timeline', i, 'topics'], event.topics, topicRef);
      checkCitedParagraphs(at, ['timeline', i], event, article, report);
    });

    article.corrections.forEach((correction, i) => {
      checkSource(at, ['corrections', i, 'source'], correction.source);
      // One error, one correction: /summary counts them, and a quote's correction already shows its wording.
      const quote = article.quotes.find(
        (q) => q.correction !== undefined && q.paragraph === correction.source.paragraph && correction.articleSays.includes(q.text),
      );
      if (quote !== undefined)
        report(at, ['corrections', i, 'articleSays'], `the correction of quote "${quote.id}" already corrects this wording; keep one of the two`);
    });
  }
  return problems;
}

type Report = (at: Located<unknown>, segments: readonly PathSegment[], message: string) => void;

/** Every paragraph a key point (or timeline event) cites lies inside its article. */
function checkCitedParagraphs(
  at: Located<Article>,
  segments: readonly PathSegment[],
  point: Pick<KeyPoint, 'paragraph' | 'alsoParagraphs'>,
  article: Article,
  report: Report,
): void {
  const { paragraphCount } = article;
  if (point.paragraph > paragraphCount) {
    report(at, [...segments, 'paragraph'], `paragraph ${point.paragraph} is beyond the ${paragraphCount} paragraphs of article "${article.id}"`);
  }
  (point.alsoParagraphs ?? []).forEach((n, i) => {
    if (n > paragraphCount)
      report(at, [...segments, 'alsoParagraphs', i], `paragraph ${n} is beyond the ${paragraphCount} paragraphs of article "${article.id}"`);
    if (n === point.paragraph) report(at, [...segments, 'alsoParagraphs', i], `paragraph ${n} is already its main paragraph (\`paragraph\`)`);
  });
}

/** Sections in order, inside the article, each key point inside its own section. */
function checkSections(at: Located<Article>, report: Report): void {
  const { sections, paragraphCount } = at.value;
  let previousEnd = 0;
  sections.forEach((section, i) => {
    const [first, last] = section.paragraphs;
    const range = ['sections', i, 'paragraphs'];
    if (first > last) report(at, range, `range ${first}–${last} is reversed`);
    else if (first <= previousEnd) report(at, range, `range ${first}–${last} overlaps the previous section, which ends at ${previousEnd}`);
    if (last > paragraphCount) report(at, range, `range ${first}–${last} is beyond the article's ${paragraphCount} paragraphs`);
    previousEnd = Math.max(previousEnd, last);
    section.keyPoints.forEach((point, k) => {
      if (point.paragraph < first || point.paragraph > last) {
        report(at, ['sections', i, 'keyPoints', k, 'paragraph'], `paragraph ${point.paragraph} is outside its section (${first}–${last})`);
      }
      (point.alsoParagraphs ?? []).forEach((n, j) => {
        if (n < first || n > last)
          report(at, ['sections', i, 'keyPoints', k, 'alsoParagraphs', j], `paragraph ${n} is outside its section (${first}–${last})`);
      });
    });
  });
}

/** A country's ISO code is one the country data set knows, and no two countries share one. */
function checkIsoCodes(data: LocatedDataset, report: Report): void {
  const first = new Map<string, Located<unknown>>();
  for (const at of data.entities) {
    const entity = at.value;
    if (entity.kind !== 'country' || entity.iso === undefined) continue;
    const other = first.get(entity.iso);
    if (other) report(at, ['iso'], `ISO code "${entity.iso}" is also the code of ${other.file} ${jsonPath(other.path, 'id')}`);
    else first.set(entity.iso, at);
    if (!isKnownIsoCode(entity.iso)) report(at, ['iso'], `"${entity.iso}" is not an ISO 3166-1 alpha-2 code of the country data set`);
  }
}

/** Within one kind, a folded name or alias may point at only one record: lookups must be unambiguous. */
function checkNamesUnambiguous(data: LocatedDataset, report: Report): void {
  const ownersByKind = new Map<string, Map<string, { id: string; at: Located<unknown> }>>();
  const claim = (kind: string, at: Located<unknown>, id: string, segments: PathSegment[], text: string, key = fold(text)): void => {
    let owners = ownersByKind.get(kind);
    if (!owners) ownersByKind.set(kind, (owners = new Map<string, { id: string; at: Located<unknown> }>()));
    const owner = owners.get(key);
    if (!owner) owners.set(key, { id, at });
    else if (owner.id !== id) report(at, segments, `"${text}" is also a name or alias of ${kind} "${owner.id}" (${owner.at.file})`);
  };
  const claimAll = (kind: string, at: Located<unknown>, record: NamedRecord): void => {
    // An id is a lowercase slug: it is its own folded form.
    claim(kind, at, record.id, ['id'], record.id, record.id);
    // Names are often the same in both languages: fold them once.
    const deName = fold(record.name.de);
    for (const lang of ['de', 'en'] as const) {
      const name = record.name[lang];
      claim(kind, at, record.id, ['name', lang], name, name === record.name.de ? deName : fold(name));
      if (record.fullName) claim(kind, at, record.id, ['fullName', lang], record.fullName[lang]);
    }
    record.aliases.forEach((alias, i) => claim(kind, at, record.id, ['aliases', i, 'text'], alias.text));
  };
  for (const at of data.entities) claimAll(at.value.kind, at, at.value);
  for (const at of data.topics) claimAll('topic', at, at.value);
}

interface NamedRecord {
  id: string;
  name: LocalizedText;
  fullName?: LocalizedText;
  aliases: readonly { text: string }[];
}
