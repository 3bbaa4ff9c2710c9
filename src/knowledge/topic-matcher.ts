// Which topics and entities a text names: every known name or alias (German,
// English, Russian, …) of a topic or entity found in it, ignoring case and
// diacritics. A text is scanned once, word by word, against a dictionary of
// names keyed by folded words (a trie), longest phrase first, whatever the
// number of aliases. A word of the text stands for a word of a name when it is:
//
// - the word itself: `Armenien`, and a hyphen always splits (`OVKS-Gipfel`,
//   `Nato-Gipfel` name the CSTO and NATO);
// - the word with one inflection ending of a closed list (ENDINGS: `Armeniens`,
//   `russische`, `Kremls`, `Armenians`), when the name's word has at least
//   four letters;
// - in the first word of a phrase only, the word after a direction or stance
//   prefix (PREFIXES: `Ostrussland`, `Westukraine`, `prorussisch`);
// - in the last word of a phrase only, a compound whose head is one of a closed
//   list of news words (HEADS: `Natogipfel`, `Kremlchef`, `Ukrainekrieg`),
//   with an optional linking `s`.
//
// So a name inside an unrelated word does not match (`Natorama`, `Natoland`,
// `Putinismus`), nor does a near miss (`Armani` is not `Armenia`, `Tschechien`
// is not `Tschetschenien`): the rest of the word must be one of the lists.
// Where the word itself is a name, it wins over a reading as a compound
// (`Südsudan` is South Sudan, not Sudan). A name written in capitals whose
// words have at most three letters (`US`, `U.S.`, `UK`) matches only text in
// capitals, so the English "us" names nobody. Adjectives and demonyms come from
// the data as aliases (`armenisch`, `Armenian`), as does `Kreml` for Russia.
// A topic's phrase is about what it names: the names inside it count too
// (`war in Ukraine` names the topic and Ukraine, `NATO-Osterweiterung` NATO).
// An entity's phrase does not (`Papua New Guinea` is not Guinea).
import type { Language } from '../i18n/language.js';
import { ENTITY_KINDS, type KnowledgeBase } from './knowledge-base.js';
import { tokenize, type WordSpan, wordSpans } from './normalize.js';

/** What topicsOf reads of a publication: its declared topics and its text in every language it has. */
export interface MatchableText {
  title: string;
  summary: string;
  declaredTopics: readonly string[];
  translations?: Partial<Record<Language, { title: string; summary: string }>>;
}

interface PhraseNode {
  next: Map<string, PhraseNode>;
  /** Ids named by the phrase that ends here. */
  ids?: Set<string>;
  /** Ids named by the phrase that ends here only when the text writes it in capitals. */
  capitalIds?: Set<string>;
}

export interface NamedRecord {
  id: string;
  names: readonly string[];
  /** A topic: the names inside its phrases are mentions too. */
  topic?: boolean;
}

/** Where a text names known records: `text.slice(start, end)` is the words that matched. */
export interface Mention {
  start: number;
  end: number;
  ids: readonly string[];
}

export interface TopicMatcher {
  /** Ids of the known records named in `text`. */
  match(text: string): Set<string>;
  /** Each place in `text` that names known records, in text order. */
  mentions(text: string): Mention[];
  /** Declared topics plus those named in the title and summary (every language given), sorted. */
  topicsOf(publication: MatchableText): string[];
}

/** German and English inflection endings (folded): case, number, adjective endings. */
const ENDINGS = ['s', 'es', 'n', 'en', 'ns', 'e', 'er', 'ern', 'em'] as const;
/** The shortest word of a name that takes an ending: `Iran` → `Irans`, but `Laos` is not `Lao` + s. */
const MIN_INFLECTED = 4;
/** Direction and stance prefixes of German compounds (folded). */
const PREFIXES = ['ost', 'west', 'nord', 'sud', 'nordost', 'nordwest', 'sudost', 'sudwest', 'zentral', 'mittel', 'pro', 'anti'] as const;
/** Heads of German compounds a name is the modifier of, as news use them (folded). */
// prettier-ignore
const HEADS = [
  'gipfel', 'treffen', 'krieg', 'konflikt', 'grenze', 'armee', 'truppen', 'militar', 'manover', 'ubung', 'einsatz', 'soldaten',
  'regierung', 'politik', 'prasident', 'prasidentin', 'chef', 'chefin', 'fuhrung', 'minister', 'ministerin', 'aussenminister',
  'aussenministerin', 'botschaft', 'botschafter', 'mitglied', 'mitgliedschaft', 'beitritt', 'partner', 'staaten', 'invasion',
  'angriff', 'offensive', 'sanktionen', 'wahl', 'krise', 'gesprache', 'verhandlungen', 'abkommen', 'vertrag', 'reise', 'besuch',
  'hilfe', 'opposition', 'parlament', 'gebiet', 'front', 'kurs', 'streit', 'verbundete', 'freundlich', 'feindlich', 'kritisch',
] as const;
/** Every head with each ending or none: what a compound may end with. */
const HEAD_FORMS = new Set(HEADS.flatMap((head) => [head, ...ENDINGS.map((ending) => head + ending)]));
const MAX_HEAD_FORM = Math.max(...[...HEAD_FORMS].map((form) => form.length));
/** A name shorter than this is not read out of a compound. */
const MIN_COMPOUND_BASE = 3;

/** The readings of one word of a text, most literal first. */
interface WordForms {
  /** The word itself, then the word less an ending. */
  plain: string[];
  /** After a prefix (and less an ending): only for the first word of a phrase. */
  prefixed: string[];
  /** Less a compound head: only for the last word of a phrase. */
  modifiers: string[];
}

const formCache = new Map<string, WordForms>();
const FORM_CACHE_LIMIT = 50_000;

function inflections(word: string, into: string[]): void {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= MIN_INFLECTED && word.endsWith(ending)) into.push(word.slice(0, -ending.length));
  }
}

function formsOf(token: string): WordForms {
  let forms = formCache.get(token);
  if (forms) return forms;
  forms = { plain: [token], prefixed: [], modifiers: [] };
  inflections(token, forms.plain);
  for (const prefix of PREFIXES) {
    if (token.length - prefix.length >= MIN_INFLECTED && token.startsWith(prefix)) {
      const rest = token.slice(prefix.length);
      forms.prefixed.push(rest);
      inflections(rest, forms.prefixed);
    }
  }
  for (let length = Math.min(MAX_HEAD_FORM, token.length - MIN_COMPOUND_BASE); length > 0; length--) {
    if (!HEAD_FORMS.has(token.slice(-length))) continue;
    const base = token.slice(0, -length);
    forms.modifiers.push(base);
    if (base.length > MIN_COMPOUND_BASE && base.endsWith('s')) forms.modifiers.push(base.slice(0, -1));
  }
  if (formCache.size >= FORM_CACHE_LIMIT) formCache.clear();
  formCache.set(token, forms);
  return forms;
}

/** Everything a record may be called: its names in both languages, an alliance's full name, its aliases. */
export function namedRecords(kb: KnowledgeBase): NamedRecord[] {
  const records: NamedRecord[] = kb.topics.map((topic) => ({
    id: topic.id,
    names: [topic.name.de, topic.name.en, ...topic.aliases.map((alias) => alias.text)],
    topic: true,
  }));
  for (const kind of ENTITY_KINDS) {
    for (const entity of kb.entitiesOfKind(kind)) {
      const fullName = entity.kind === 'alliance' ? [entity.fullName.de, entity.fullName.en] : [];
      records.push({ id: entity.id, names: [entity.name.de, entity.name.en, ...fullName, ...entity.aliases.map((a) => a.text)] });
    }
  }
  return records;
}

/** A short name in capitals (`US`, `U.S.`, `UK`): also an ordinary word in lower case. */
function isCapitalsOnly(name: string, tokens: readonly string[]): boolean {
  return name === name.toUpperCase() && name !== name.toLowerCase() && tokens.every((token) => token.length <= 3);
}

export function createTopicMatcher(records: Iterable<NamedRecord>): TopicMatcher {
  const root: PhraseNode = { next: new Map() };
  const topicIds = new Set<string>();
  for (const { id, names, topic } of records) {
    if (topic) topicIds.add(id);
    for (const name of names) {
      const tokens = tokenize(name);
      if (tokens.length === 0) continue;
      let node = root;
      for (const token of tokens) {
        let child = node.next.get(token);
        if (!child) node.next.set(token, (child = { next: new Map() }));
        node = child;
      }
      if (isCapitalsOnly(name, tokens)) (node.capitalIds ??= new Set()).add(id);
      else (node.ids ??= new Set()).add(id);
    }
  }

  /** The ids a phrase ending at `node` names, given whether the text wrote all its words in capitals. */
  function named(node: PhraseNode, capitals: boolean): Set<string> | undefined {
    if (!capitals || !node.capitalIds) return node.ids;
    return node.ids ? new Set([...node.ids, ...node.capitalIds]) : node.capitalIds;
  }

  /** The longest phrase starting at words[start]: its end (exclusive) and ids; undefined when none. */
  function longestAt(words: readonly WordSpan[], start: number): { end: number; ids: Set<string> } | undefined {
    let best: { end: number; ids: Set<string> } | undefined;
    const consider = (node: PhraseNode, end: number, capitals: boolean): void => {
      const ids = named(node, capitals);
      if (ids && ids.size > 0 && (!best || end > best.end)) best = { end, ids };
    };
    const walk = (node: PhraseNode, i: number, capitals: boolean): void => {
      const word = words[i];
      if (!word) return;
      const allCapitals = capitals && word.capitals;
      const forms = formsOf(word.token);
      for (const [index, form] of forms.plain.entries()) {
        const child = node.next.get(form);
        if (!child) continue;
        // Capitals-only names are matched as written: no endings on `US`.
        consider(child, i + 1, allCapitals && index === 0);
        walk(child, i + 1, allCapitals && index === 0);
      }
      if (i === start) {
        for (const form of forms.prefixed) {
          const child = node.next.get(form);
          if (!child) continue;
          consider(child, i + 1, false);
          walk(child, i + 1, false);
        }
      }
      for (const form of forms.modifiers) {
        const child = node.next.get(form);
        if (child) consider(child, i + 1, false);
      }
    };
    walk(root, start, true);
    return best;
  }

  function scan(text: string, found: (mention: Mention, ids: Set<string>) => void): void {
    const words = wordSpans(text);
    let start = 0;
    while (start < words.length) {
      const longest = longestAt(words, start);
      if (longest) {
        const phrase = words.slice(start, longest.end);
        const ids = [...longest.ids].some((id) => topicIds.has(id)) ? withNamesInside(phrase, longest.ids) : longest.ids;
        found({ start: words[start]!.start, end: words[longest.end - 1]!.end, ids: [...ids] }, ids);
        start = longest.end;
      } else {
        start += 1;
      }
    }
  }

  /** A topic phrase's ids plus those of the shorter phrases inside it. */
  function withNamesInside(phrase: readonly WordSpan[], ids: Set<string>): Set<string> {
    const all = new Set(ids);
    let start = 0;
    while (start < phrase.length) {
      // From the first word, the phrase as a whole is not a candidate again.
      const inner = longestAt(start === 0 ? phrase.slice(0, -1) : phrase, start);
      if (inner) {
        for (const id of inner.ids) all.add(id);
        start = inner.end;
      } else {
        start += 1;
      }
    }
    return all;
  }

  const collect = (text: string, into: Set<string>): void =>
    scan(text, (_, ids) => {
      for (const id of ids) into.add(id);
    });

  return {
    match(text) {
      const found = new Set<string>();
      collect(text, found);
      return found;
    },
    mentions(text) {
      const found: Mention[] = [];
      scan(text, (mention) => found.push(mention));
      return found;
    },
    topicsOf(publication) {
      const found = new Set(publication.declaredTopics);
      const texts = [publication, ...Object.values(publication.translations ?? {})];
      for (const { title, summary } of texts) {
        // Scanned apart, so a phrase cannot run from the end of the title into the summary.
        collect(title, found);
        collect(summary, found);
      }
      return [...found].sort();
    },
  };
}

const matchers = new WeakMap<KnowledgeBase, TopicMatcher>();

/** The matcher for this knowledge base, built on first use: a reloaded KB is a new object and gets a new one. */
export function topicMatcherFor(kb: KnowledgeBase): TopicMatcher {
  let matcher = matchers.get(kb);
  if (!matcher) {
    matcher = createTopicMatcher(namedRecords(kb));
    matchers.set(kb, matcher);
  }
  return matcher;
}

/** A topic's or entity's name in `lang`; the id itself if the KB no longer knows it. */
export function topicLabel(kb: KnowledgeBase, id: string, lang: Language): string {
  return (kb.topic(id) ?? kb.entity(id))?.name[lang] ?? id;
}
