// News items (feed items the bot read) as commands read them: a read-only snapshot,
// like the knowledge base. The store holds the truth; src/news keeps a snapshot per
// process and makes the next one from the changes it reads (withNewsChanges), so a
// command never waits for the store. Lists are newest first; the order is total
// (time, then a short key derived from the id), so a cursor — the last item shown —
// says exactly where the next page starts, whatever arrived meanwhile.
import { lowerBound } from './lower-bound.js';
import { tokenize } from './normalize.js';

export interface NewsSource {
  /** The feed's title as it gave it (plain text); may be empty. */
  title: string;
  /** The host of the feed's address. */
  host: string;
}

/** One feed item as stored: plain text, an absolute http(s) link. */
export interface NewsItem {
  /** The feed's key and the item's identity (src/feeds/item-identity.ts): `<feed key>:<item id>`. */
  id: string;
  title: string;
  /** Plain text, short; may be empty. */
  summary: string;
  link?: string;
  /** ISO 8601, when the feed gave a date. */
  published?: string;
  source: NewsSource;
  /** The feed's declared language (its primary subtag, lowercase), else the detected one ('de', 'en'), else 'und'. */
  language: string;
  /** Ids of the entities (alliances, countries, people) named in title or summary. */
  entities: string[];
  /** Ids of the topics named in title or summary. */
  topics: string[];
}

/** Where an item stands in the order: its time and its key. */
export interface NewsCursor {
  /** Epoch ms: the item's date, or when it was first read. */
  at: number;
  key: string;
}

export interface NewsEntry extends NewsCursor {
  /** The ids the item is about (newsAbout), beside it: the index is built from these without reading items. */
  about: readonly string[];
  readonly item: NewsItem;
}

export interface NewsIndex {
  /** How many items there are. */
  readonly size: number;
  /** The change (sequence number) the snapshot includes: a different version, different contents. */
  readonly version: number;
  /**
   * Up to `limit` items about `about` (an entity or topic id; every item when undefined),
   * newest first, starting after `cursor` (from the newest when undefined).
   */
  older(about: string | undefined, cursor: NewsCursor | undefined, limit: number): readonly NewsEntry[];
  /** The up to `limit` items just before `cursor` in the order (newer ones), newest first. */
  newer(about: string | undefined, cursor: NewsCursor, limit: number): readonly NewsEntry[];
  /** Changes whenever the items about `about` do (every change when undefined): a part of cache keys. */
  stamp(about: string | undefined): number;
  /** Items whose title or summary hold every word of `query` (as word starts), as a phrase first, newest first within each. */
  search(query: string, limit: number): readonly NewsEntry[];
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a over the UTF-16 code units, from `seed`: fast, and the same in every process. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const KEY_CODES = Array.from(KEY_ALPHABET, (char) => char.charCodeAt(0));

/** Six digits of `value`, lowest first, as character codes. */
function digitCodes(value: number, into: number[], at: number): void {
  for (let i = 0; i < 6; i++) into[at + i] = KEY_CODES[(value >>> (i * 6)) & 63]!;
}

const keyCodes: number[] = new Array<number>(12).fill(0);

/**
 * The short key of an item id: 12 characters (two 32-bit hashes), fits a button's custom id.
 * Not a security measure: it only orders items of the same time. A start-up computes one per
 * stored item, so it is cheap rather than cryptographic.
 */
export function newsKey(id: string): string {
  // One string made, not thirteen: a start-up computes one key per stored item.
  digitCodes(fnv1a(id, 0x811c9dc5), keyCodes, 0);
  digitCodes(fnv1a(id, 0x9747b28c), keyCodes, 6);
  return String.fromCharCode(...keyCodes);
}

/** Negative when `a` comes first (is newer). */
export function compareNews(a: NewsCursor, b: NewsCursor): number {
  return b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

/** The ids an item is about. */
export function newsAbout(item: NewsItem): string[] {
  return [...item.entities, ...item.topics];
}

/** The entry of an item read at `at` (epoch ms). */
export function newsEntry(at: number, item: NewsItem): NewsEntry {
  return { at, key: newsKey(item.id), about: newsAbout(item), item };
}

/** The first index whose entry comes after `cursor` (`orAt`: or is the cursor itself). */
function firstAfter(list: readonly NewsEntry[], cursor: NewsCursor, orAt = false): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareNews(list[mid]!, cursor);
    if (order < 0 || (order === 0 && !orAt)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Both lists sorted; the result too. */
function merge(a: readonly NewsEntry[], b: readonly NewsEntry[]): NewsEntry[] {
  const out: NewsEntry[] = new Array<NewsEntry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareNews(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Folded title and summary per entry, made on first search: most processes never search most items. */
const searchText = new WeakMap<NewsEntry, string>();

function textOf(entry: NewsEntry): string {
  let text = searchText.get(entry);
  if (text === undefined) {
    text = ` ${tokenize(`${entry.item.title} ${entry.item.summary}`).join(' ')} `;
    searchText.set(entry, text);
  }
  return text;
}

class Snapshot implements NewsIndex {
  private corpus: { text: string; starts: number[] } | undefined;

  constructor(
    readonly version: number,
    readonly all: readonly NewsEntry[],
    readonly byTopic: ReadonlyMap<string, readonly NewsEntry[]>,
    readonly stamps: ReadonlyMap<string, number>,
  ) {}

  get size(): number {
    return this.all.length;
  }

  private list(about: string | undefined): readonly NewsEntry[] {
    return about === undefined ? this.all : (this.byTopic.get(about) ?? []);
  }

  older(about: string | undefined, cursor: NewsCursor | undefined, limit: number): readonly NewsEntry[] {
    const list = this.list(about);
    const start = cursor === undefined ? 0 : firstAfter(list, cursor);
    return list.slice(start, start + limit);
  }

  newer(about: string | undefined, cursor: NewsCursor, limit: number): readonly NewsEntry[] {
    const list = this.list(about);
    const end = firstAfter(list, cursor, true);
    return list.slice(Math.max(0, end - limit), end);
  }

  stamp(about: string | undefined): number {
    return about === undefined ? this.version : (this.stamps.get(about) ?? 0);
  }

  search(query: string, limit: number): readonly NewsEntry[] {
    const words = tokenize(query);
    if (words.length === 0) return [];
    const phrase = ` ${words.join(' ')}`;
    // Only an entry holding the longest word (as a word start) can match: one indexOf pass
    // over all texts end to end finds them, where looking into each entry took 70 ms per
    // search of 100,000 items. The texts start and end with a space, so no match straddles two.
    const probe = ` ${words.reduce((longest, word) => (word.length > longest.length ? word : longest))}`;
    const { text: all, starts } = this.searchText();
    const phrases: NewsEntry[] = [];
    const others: NewsEntry[] = [];
    for (let at = all.indexOf(probe); at >= 0 && phrases.length < limit;) {
      const i = lowerBound(starts, at + 1) - 1;
      const entry = this.all[i]!;
      const text = textOf(entry);
      if (text.includes(phrase)) phrases.push(entry);
      else if (others.length < limit && words.every((word) => text.includes(` ${word}`))) others.push(entry);
      // Once the other matches are complete, only phrases are still wanted: look for those alone.
      at = all.indexOf(others.length < limit ? probe : phrase, starts[i + 1]);
    }
    return [...phrases, ...others].slice(0, limit);
  }

  /** Every entry's search text, newest first, end to end, and where each starts; made on the snapshot's first search. */
  private searchText(): { text: string; starts: number[] } {
    if (this.corpus === undefined) {
      const texts = this.all.map(textOf);
      const starts = new Array<number>(texts.length + 1);
      let at = 0;
      texts.forEach((text, i) => {
        starts[i] = at;
        at += text.length;
      });
      starts[texts.length] = at;
      this.corpus = { text: texts.join(''), starts };
    }
    return this.corpus;
  }
}

const EMPTY_SNAPSHOT = new Snapshot(0, [], new Map(), new Map());

export const EMPTY_NEWS: NewsIndex = EMPTY_SNAPSHOT;

/**
 * The next snapshot: `removed` (entries replaced or gone) out, `added` in, at change
 * `version`. Costs a pass over all items and the lists of the topics touched; the
 * lists of other topics are shared with the previous snapshot.
 */
export function withNewsChanges(previous: NewsIndex, removed: readonly NewsEntry[], added: readonly NewsEntry[], version: number): NewsIndex {
  const snapshot = previous instanceof Snapshot ? previous : EMPTY_SNAPSHOT;
  const gone = new Set(removed);
  const sortedAdded = [...added].sort(compareNews);
  // The added entries per id they are about, in order (one pass, however many topics).
  const addedAbout = new Map<string, NewsEntry[]>();
  const addAbout = (id: string, entry: NewsEntry): void => {
    const list = addedAbout.get(id);
    if (list === undefined) addedAbout.set(id, [entry]);
    else list.push(entry);
  };
  for (const entry of sortedAdded) for (const id of entry.about) addAbout(id, entry);
  const touched = new Set(addedAbout.keys());
  for (const entry of removed) for (const id of entry.about) touched.add(id);
  const keep = (list: readonly NewsEntry[]) => (gone.size === 0 ? list : list.filter((entry) => !gone.has(entry)));
  const all = merge(keep(snapshot.all), sortedAdded);
  const byTopic = new Map(snapshot.byTopic);
  const stamps = new Map(snapshot.stamps);
  for (const id of touched) {
    const list = merge(keep(byTopic.get(id) ?? []), addedAbout.get(id) ?? []);
    if (list.length === 0) byTopic.delete(id);
    else byTopic.set(id, list);
    stamps.set(id, version);
  }
  return new Snapshot(version, all, byTopic, stamps);
}

/** A snapshot of exactly these entries (tests, benchmarks, the CLI). */
export function newsIndexOf(entries: readonly NewsEntry[], version = 1): NewsIndex {
  return withNewsChanges(EMPTY_NEWS, [], entries, version);
}
