// Name lookup for one kind of record: exact resolve and ranked autocomplete
// (exact > prefix > alias > fuzzy). Distinct folded keys are kept sorted, so a
// prefix is a binary search plus a scan of its key range; broad prefixes (a
// letter or two) are answered from a memo, so no keystroke scans thousands of
// entries twice. Typos go through a bigram index.
import type { Language } from '../i18n/language.js';
import { boundedEditDistance } from './edit-distance.js';
import { IntList } from './int-list.js';
import type { MatchQuality } from './knowledge-base.js';
import { lowerBound } from './lower-bound.js';
import { fold, WordScanner } from './normalize.js';
import { TopScores } from './top-scores.js';
import { ABSENT, WordTable } from './word-table.js';

export interface LookupRecord {
  id: string;
  labels: Record<Language, string>;
  /** Id, names, full names, titles: exact and prefix matches. */
  names: readonly string[];
  aliases: readonly string[];
}

export interface LookupMatch {
  id: string;
  label: string;
  quality: MatchQuality;
  score: number;
}

export interface LookupIndex {
  resolve(query: string): string | undefined;
  suggest(query: string, lang: Language, limit: number): LookupMatch[];
}

/** How a key belongs to its record: a whole name, a word of one, a whole alias or a word of one. */
const enum Field {
  Name = 1,
  NameWord = 2,
  Alias = 4,
  AliasWord = 8,
}

const enum Quality {
  Exact,
  Prefix,
  Alias,
  Fuzzy,
}
const QUALITY_NAMES: readonly MatchQuality[] = ['exact', 'prefix', 'alias', 'fuzzy'];
const TIER: readonly number[] = [4000, 3000, 2000, 1000];
/** Within a tier: a match on the whole name beats one on a later word. */
const WHOLE_BONUS = 300;
/** Within a tier: the record's standing (popularity or recency) adds up to this much. */
const RANK_SPAN = 299;
/** A prefix whose range holds more entries than this is ranked once, in full, and remembered. */
const BROAD_PREFIX_ENTRIES = 1_500;
/** Matches remembered per broad prefix: the most any caller asks for. */
const BROAD_MEMO_SIZE = 25;
/** Broad prefixes remembered at most (they are few: each covers many keys). */
const BROAD_MEMO_LIMIT = 2_000;
const MAX_QUERY_LENGTH = 100;
/** Longer keys (whole titles) are left out of typo matching: two edits rarely explain a long miss. */
const MAX_FUZZY_KEY_LENGTH = 30;
/** Room for every key length in a posting slot number (pair * slots + length). */
const BIGRAM_LENGTH_SLOTS = 32;
/** Edit distances computed per typo lookup, at most. */
const MAX_FUZZY_CANDIDATES = 300;
const MAX_LABEL_LENGTH = 100;
/** Entries per record the build makes room for at first. */
const ENTRIES_PER_RECORD = 16;

/**
 * `records` must come in their default order (best first): it serves the empty
 * query and breaks ties between equally good matches.
 */
export function createLookupIndex(records: readonly LookupRecord[]): LookupIndex {
  const { exact, keyIds, entryKey, entryRecord, entryField, entryAlias } = collectEntries(records);

  // Distinct keys sorted; each key's entries contiguous (CSR layout).
  const keys = [...keyIds.keys()].sort();
  const position = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) position[keyIds.get(keys[k]!)!] = k;
  const starts = new Int32Array(keys.length + 1);
  for (let entry = 0; entry < entryKey.length; entry++) starts[position[entryKey.at(entry)]! + 1]!++;
  for (let i = 0; i < keys.length; i++) starts[i + 1]! += starts[i]!;
  const fill = starts.slice(0, keys.length);
  const order = new Int32Array(entryKey.length);
  for (let entry = 0; entry < entryKey.length; entry++) order[fill[position[entryKey.at(entry)]!]!++] = entry;

  const entries = { record: entryRecord.toArray(), field: Uint8Array.from(entryField.toArray()), alias: entryAlias.toArray() };
  // Per-call scratch, indexed by record; reset after each call through `touched`.
  const bestScore = new Float64Array(records.length);
  const bestQuality = new Uint8Array(records.length);
  const bestAlias = new Int32Array(records.length);
  const touched: number[] = [];
  const broadMemo = new Map<string, RankedMatches>();

  const rankScore = (record: number): number => (records.length <= 1 ? RANK_SPAN : Math.round(RANK_SPAN * (1 - record / (records.length - 1))));
  const fuzzy = createBigramIndex(keys);

  const labelFor = (record: number, lang: Language, alias: number): string => {
    const label = records[record]?.labels[lang] ?? '';
    const aliasText = alias >= 0 ? records[record]?.aliases[alias] : undefined;
    const shown = aliasText !== undefined && !fold(label).includes(fold(aliasText)) ? `${label} (${aliasText})` : label;
    return truncate(shown, MAX_LABEL_LENGTH);
  };

  const offer = (entry: number, quality: Quality, bonus: number): void => {
    const record = entries.record[entry]!;
    const score = TIER[quality]! + bonus + rankScore(record);
    if (bestScore[record] === 0) touched.push(record);
    if (score > bestScore[record]!) {
      bestScore[record] = score;
      bestQuality[record] = quality;
      bestAlias[record] = entries.alias[entry]!;
    }
  };
  /** Offers every entry of keys[from..to), which all start with `key`. */
  const offerPrefixRange = (key: string, from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      const whole = keys[k] === key ? WHOLE_BONUS : 0;
      for (let i = starts[k]!; i < starts[k + 1]!; i++) {
        const entry = order[i]!;
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the typed array holds the enum's numbers
        const field = entries.field[entry]! as Field;
        if (field === Field.Name) offer(entry, whole ? Quality.Exact : Quality.Prefix, WHOLE_BONUS);
        else if (field === Field.NameWord) offer(entry, Quality.Prefix, whole / 2);
        else offer(entry, Quality.Alias, (field === Field.Alias ? WHOLE_BONUS : 0) + whole / 2);
      }
    }
  };
  /** The best `limit` records offered since the last call, best first; clears the scratch. */
  const takeBest = (limit: number): RankedMatches => {
    const top = new TopScores(limit);
    for (const record of touched) top.offer(record, bestScore[record]!);
    const ranked: RankedMatches = {
      offered: touched.length,
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the typed array holds the enum's numbers
      matches: top.sorted().map(({ index, score }) => ({ record: index, score, quality: bestQuality[index]!, alias: bestAlias[index]! })),
    };
    for (const record of touched) bestScore[record] = 0;
    touched.length = 0;
    return ranked;
  };
  const rank = (key: string, limit: number): RankedMatch[] => {
    const from = lowerBound(keys, key);
    const to = lowerBound(keys, `${key}\uffff`, from);
    if (starts[to]! - starts[from]! > BROAD_PREFIX_ENTRIES && limit <= BROAD_MEMO_SIZE) {
      let memo = broadMemo.get(key);
      if (!memo) {
        offerPrefixRange(key, from, to);
        memo = takeBest(BROAD_MEMO_SIZE);
        if (broadMemo.size >= BROAD_MEMO_LIMIT) broadMemo.clear();
        broadMemo.set(key, memo);
      }
      // With fewer records than asked for, typo matches would fill up the list: rank afresh below.
      if (memo.offered >= limit) return memo.matches.slice(0, limit);
    }
    offerPrefixRange(key, from, to);
    if (touched.length < limit) {
      for (const { key: k, distance, maxDistance } of fuzzy.near(key)) {
        for (let i = starts[k]!; i < starts[k + 1]!; i++) offer(order[i]!, Quality.Fuzzy, (maxDistance - distance + 1) * 100);
      }
    }
    return takeBest(limit).matches;
  };

  return {
    resolve(query) {
      const index = exact.get(fold(query.slice(0, MAX_QUERY_LENGTH)));
      return index === undefined ? undefined : records[index]?.id;
    },

    suggest(query, lang, limit) {
      const key = fold(query.slice(0, MAX_QUERY_LENGTH));
      if (key === '') {
        return records.slice(0, limit).map((record, i) => ({
          id: record.id,
          label: labelFor(i, lang, -1),
          quality: 'prefix' as const,
          score: TIER[Quality.Prefix]! + rankScore(i),
        }));
      }
      return rank(key, limit).map(({ record, score, quality, alias }) => ({
        id: records[record]?.id ?? '',
        label: labelFor(record, lang, alias),
        quality: QUALITY_NAMES[quality]!,
        score,
      }));
    },
  };
}

/** Every key of every record (whole names and aliases, and their words), as entries: key id, record, field, alias. */
function collectEntries(records: readonly LookupRecord[]): {
  /** Folded whole name or alias to the first record that has it. */
  exact: Map<string, number>;
  keyIds: Map<string, number>;
  entryKey: IntList;
  entryRecord: IntList;
  entryField: IntList;
  /** The alias's index, -1 for names. */
  entryAlias: IntList;
} {
  const exact = new Map<string, number>();
  // Entries in parallel lists: key id, record, field, alias index (-1 for names).
  const keyIds = new Map<string, number>();
  // Sized for a name, a title and their words per record (articles have more, entities fewer).
  const capacity = records.length * ENTRIES_PER_RECORD;
  const entryKey = new IntList(capacity);
  const entryRecord = new IntList(capacity);
  const entryField = new IntList(capacity);
  const entryAlias = new IntList(capacity);
  // Per key id: the last record that had the key, and how the key belongs to it
  // (an article has dozens of title words: a scan of its keys so far would be quadratic).
  const lastRecordOfKey: number[] = [];
  const fieldsOfKey: number[] = [];
  const keyIdOf = (key: string): number => {
    let keyId = keyIds.get(key);
    if (keyId === undefined) {
      keyIds.set(key, (keyId = keyIds.size));
      lastRecordOfKey.push(-1);
      fieldsOfKey.push(0);
    }
    return keyId;
  };
  const push = (record: number, keyId: number, field: Field, alias: number): void => {
    const fields = lastRecordOfKey[keyId] === record ? fieldsOfKey[keyId]! : 0;
    if (fields & field) return;
    lastRecordOfKey[keyId] = record;
    fieldsOfKey[keyId] = fields | field;
    entryKey.push(keyId);
    entryRecord.push(record);
    entryField.push(field);
    entryAlias.push(alias);
  };
  // The key id of each distinct word of the names, found by its characters (so
  // the 400,000 words of 10,000 titles and 20,000 names do not each become a string).
  const wordKeys = new WordTable();
  const scanner = new WordScanner();
  const textWords = new IntList(64);
  const add = (record: number, text: string, whole: Field, word: Field, alias: number): void => {
    const key = fold(text);
    if (key === '') return;
    // Data validation rules out clashes within a kind; for article titles the newer wins.
    if (!exact.has(key)) exact.set(key, record);
    push(record, keyIdOf(key), whole, alias);
    textWords.length = 0;
    scanner.reset(text);
    while (scanner.next()) {
      const keyId = wordKeys.valueOf(scanner, keyIdOf);
      if (keyId !== ABSENT) textWords.push(keyId);
    }
    if (textWords.length > 1) for (let i = 0; i < textWords.length; i++) push(record, textWords.at(i), word, alias);
  };
  records.forEach((record, index) => {
    // Names repeat across languages (a title printed in English is also the English title).
    record.names.forEach((name, i) => {
      if (record.names.indexOf(name) === i) add(index, name, Field.Name, Field.NameWord, -1);
    });
    record.aliases.forEach((alias, i) => add(index, alias, Field.Alias, Field.AliasWord, i));
  });
  return { exact, keyIds, entryKey, entryRecord, entryField, entryAlias };
}

interface RankedMatch {
  record: number;
  score: number;
  quality: Quality;
  /** The alias that matched best, -1 for a name. */
  alias: number;
}

interface RankedMatches {
  /** Records that matched at all (more than `matches` holds when the limit cut). */
  offered: number;
  matches: RankedMatch[];
}

/** Cuts text to at most `max` characters (code points), marking the cut with "…". */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

interface NearKey {
  key: number;
  distance: number;
  maxDistance: number;
}

/**
 * Candidate keys for a typo share most of their letter pairs with the query;
 * only those are measured with the (costlier) edit distance.
 */
function createBigramIndex(keys: readonly string[]): { near(query: string): NearKey[] } {
  // Postings per letter pair and key length, so a typo lookup only reads keys of
  // similar length. Pairs are numbered densely; slot = pair id * BIGRAM_LENGTH_SLOTS
  // + key length; each slot's keys are contiguous and ascending (CSR layout).
  const gramIds = new Map<number, number>();
  // A key has about as many letter pairs as letters.
  const slotOf = new IntList((keys.length * MAX_FUZZY_KEY_LENGTH) / 2);
  const keyOf = new IntList((keys.length * MAX_FUZZY_KEY_LENGTH) / 2);
  const grams: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (key.length > MAX_FUZZY_KEY_LENGTH) continue;
    for (const gram of bigrams(key, grams)) {
      let id = gramIds.get(gram);
      if (id === undefined) gramIds.set(gram, (id = gramIds.size));
      slotOf.push(id * BIGRAM_LENGTH_SLOTS + key.length);
      keyOf.push(k);
    }
  }
  const slotStarts = new Int32Array(gramIds.size * BIGRAM_LENGTH_SLOTS + 1);
  for (let i = 0; i < slotOf.length; i++) slotStarts[slotOf.at(i) + 1]!++;
  for (let slot = 0; slot + 1 < slotStarts.length; slot++) slotStarts[slot + 1]! += slotStarts[slot]!;
  const postings = new Int32Array(keyOf.length);
  const fill = slotStarts.slice(0, -1);
  for (let i = 0; i < slotOf.length; i++) postings[fill[slotOf.at(i)]!++] = keyOf.at(i);
  const counts = new Uint8Array(keys.length);

  return {
    near(query) {
      const maxDistance = query.length <= 4 ? 1 : 2;
      if (query.length < 3 || query.length > MAX_FUZZY_KEY_LENGTH + maxDistance) return [];
      const grams = bigrams(query);
      // One edit changes at most three letter pairs (a swap in the middle does).
      const needed = Math.max(1, grams.length - 3 * maxDistance);
      const touched: number[] = [];
      const longest = Math.min(query.length + maxDistance, MAX_FUZZY_KEY_LENGTH);
      for (let length = query.length - maxDistance; length <= longest; length++) {
        for (const gram of grams) {
          const id = gramIds.get(gram);
          if (id === undefined) continue;
          const slot = id * BIGRAM_LENGTH_SLOTS + length;
          for (let i = slotStarts[slot]!; i < slotStarts[slot + 1]!; i++) {
            const k = postings[i]!;
            if (counts[k] === 0) touched.push(k);
            counts[k]!++;
          }
        }
      }
      // Most shared pairs first; only a bounded number of candidates get measured.
      const byShared: number[][] = [];
      for (const k of touched) {
        const shared = counts[k]!;
        counts[k] = 0;
        if (shared >= needed) (byShared[shared] ??= []).push(k);
      }
      const found: NearKey[] = [];
      let budget = MAX_FUZZY_CANDIDATES;
      for (let shared = byShared.length - 1; shared >= needed && budget > 0; shared--) {
        for (const k of byShared[shared] ?? []) {
          if (budget-- === 0) break;
          const distance = boundedEditDistance(query, keys[k]!, maxDistance);
          if (distance <= maxDistance) found.push({ key: k, distance, maxDistance });
        }
      }
      return found;
    },
  };
}

/** The distinct letter pairs of a key, each as one number (two UTF-16 code units); into `grams` when given. */
function bigrams(key: string, grams: number[] = []): number[] {
  grams.length = 0;
  for (let i = 0; i + 1 < key.length; i++) {
    const gram = key.charCodeAt(i) * 0x10000 + key.charCodeAt(i + 1);
    if (!grams.includes(gram)) grams.push(gram);
  }
  return grams;
}
