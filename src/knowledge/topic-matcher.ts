// Which topics a publication is about: what it declares, plus every known
// entity or topic whose name or alias (German, English, Russian, …) appears in
// its title or summary as whole words, ignoring case and diacritics. The names
// go into a dictionary keyed by folded token sequences (a trie of tokens), so a
// text is scanned once, longest phrase first, whatever the number of aliases.
import type { Language } from '../i18n/language.js';
import { ENTITY_KINDS, type KnowledgeBase } from './knowledge-base.js';
import { tokenize } from './normalize.js';

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
}

export interface NamedRecord {
  id: string;
  names: readonly string[];
}

export interface TopicMatcher {
  /** Ids of the known records named in `text`. */
  match(text: string): Set<string>;
  /** Declared topics plus those named in the title and summary (every language given), sorted. */
  topicsOf(publication: MatchableText): string[];
}

/** Everything a record may be called: its names in both languages, an alliance's full name, its aliases. */
export function namedRecords(kb: KnowledgeBase): NamedRecord[] {
  const records: NamedRecord[] = kb.topics.map((topic) => ({
    id: topic.id,
    names: [topic.name.de, topic.name.en, ...topic.aliases.map((alias) => alias.text)],
  }));
  for (const kind of ENTITY_KINDS) {
    for (const entity of kb.entitiesOfKind(kind)) {
      const fullName = entity.kind === 'alliance' ? [entity.fullName.de, entity.fullName.en] : [];
      records.push({ id: entity.id, names: [entity.name.de, entity.name.en, ...fullName, ...entity.aliases.map((a) => a.text)] });
    }
  }
  return records;
}

export function createTopicMatcher(records: Iterable<NamedRecord>): TopicMatcher {
  const root: PhraseNode = { next: new Map() };
  for (const { id, names } of records) {
    for (const name of names) {
      const tokens = tokenize(name);
      if (tokens.length === 0) continue;
      let node = root;
      for (const token of tokens) {
        let child = node.next.get(token);
        if (!child) node.next.set(token, (child = { next: new Map() }));
        node = child;
      }
      (node.ids ??= new Set()).add(id);
    }
  }

  function scan(tokens: readonly string[], found: Set<string>): void {
    let start = 0;
    while (start < tokens.length) {
      let node: PhraseNode | undefined = root;
      let longest: { ids: Set<string>; end: number } | undefined;
      for (let i = start; i < tokens.length; i++) {
        node = node.next.get(tokens[i]!);
        if (!node) break;
        if (node.ids) longest = { ids: node.ids, end: i + 1 };
      }
      if (longest) {
        for (const id of longest.ids) found.add(id);
        start = longest.end;
      } else {
        start += 1;
      }
    }
  }

  const match = (text: string): Set<string> => {
    const found = new Set<string>();
    scan(tokenize(text), found);
    return found;
  };

  return {
    match,
    topicsOf(publication) {
      const found = new Set(publication.declaredTopics);
      const texts = [publication, ...Object.values(publication.translations ?? {})];
      for (const { title, summary } of texts) {
        // Scanned apart, so a phrase cannot run from the end of the title into the summary.
        scan(tokenize(title), found);
        scan(tokenize(summary), found);
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
