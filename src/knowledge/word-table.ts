// A map from words to numbers that looks a word up by its characters inside a
// longer string (a WordScanner's text), so an index build that meets millions of
// words makes a string only for each distinct one. Open addressing with linear
// probing over a power-of-two slot array, kept at most half full.
import { type WordScanner, wordToken } from './normalize.js';

/** What find() returns for a word the table does not hold. */
export const ABSENT = -1;

const INITIAL_SLOTS = 1 << 12;

export class WordTable {
  private words: string[] = [];
  private values: number[] = [];
  /** Per slot: 1 + the index of the word in `words`; 0 when free. */
  private slots = new Int32Array(INITIAL_SLOTS);
  private hashes: number[] = [];

  /** The value of text[start, end), or ABSENT. */
  find(text: string, start: number, end: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hashOf(text, start, end) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return ABSENT;
      const word = this.words[entry]!;
      if (word.length === length && sameChars(word, text, start)) return this.values[entry]!;
    }
  }

  /**
   * The value of the scanner's current word: the stored one, else `make` of its folded
   * token, stored for the next time. ABSENT for a word that folds to nothing.
   */
  valueOf(scanner: WordScanner, make: (token: string) => number): number {
    const found = this.find(scanner.lower, scanner.start, scanner.end);
    if (found !== ABSENT) return found;
    const token = wordToken(scanner);
    if (token === '') return ABSENT;
    const value = make(token);
    this.add(scanner.lower, scanner.start, scanner.end, value);
    return value;
  }

  /** Stores text[start, end) with a value (not ABSENT); the word must not be in the table yet. */
  add(text: string, start: number, end: number, value: number): void {
    if (2 * (this.words.length + 1) > this.slots.length) this.resize();
    const hash = hashOf(text, start, end);
    this.place(hash, this.words.length);
    this.words.push(text.slice(start, end));
    this.values.push(value);
    this.hashes.push(hash);
  }

  private place(hash: number, entry: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private resize(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.hashes.forEach((hash, entry) => this.place(hash, entry));
  }
}

/** FNV-1a over UTF-16 code units, then mixed so that the low bits (the slot) depend on every character. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x2c1b3c6d) ^ (hash >>> 13);
}

function sameChars(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
