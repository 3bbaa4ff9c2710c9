// Cutting text to a length without breaking it: at a line, sentence or word
// boundary, never inside a surrogate pair, an escape or a markdown span.
import { escapeMarkdown, firstUnclosedSpan } from './markdown.js';

const ELLIPSIS = '…';

const isHighSurrogate = (code: number | undefined): boolean => code !== undefined && code >= 0xd800 && code <= 0xdbff;

/** Where to cut `text` to keep at most `max` characters: the last line, sentence or word end in the second half. */
function boundary(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max / 2);
  const newline = window.lastIndexOf('\n');
  if (newline >= floor) return newline;
  let sentence = -1;
  for (const match of window.matchAll(/[.!?;](?=\s)/g)) sentence = match.index + 1;
  if (sentence >= floor) return sentence;
  let space = -1;
  for (const match of window.matchAll(/\s/g)) space = match.index;
  return space >= floor ? space : max;
}

/** Index at which to cut `text` so that text.slice(0, index) fits `max` and is whole. */
function cutIndex(text: string, max: number): number {
  let index = boundary(text, max);
  if (isHighSurrogate(text.charCodeAt(index - 1))) index -= 1;
  // An odd run of backslashes at the end would escape the ellipsis.
  let slashes = 0;
  while (text[index - 1 - slashes] === '\\') slashes += 1;
  if (slashes % 2 === 1) index -= 1;
  const open = firstUnclosedSpan(text.slice(0, index));
  return open !== undefined && open > 0 ? open : index;
}

/** Cuts `text` to at most `max` characters, ending with "…" when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, cutIndex(text, max - ELLIPSIS.length)).trimEnd() + ELLIPSIS;
}

/** Splits `text` into pieces of at most `max` characters; cut pieces end and resume with "…". */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const index = Math.max(1, cutIndex(rest, max - 2 * ELLIPSIS.length));
    pieces.push(rest.slice(0, index).trimEnd() + ELLIPSIS);
    rest = ELLIPSIS + rest.slice(index).trimStart();
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Groups lines into as few pieces of at most `max` characters (lines joined
 * by newlines) as possible, splitting long lines. Pieces are left as lines,
 * so a caller joins only the pieces it shows.
 */
export function groupLines(lines: readonly string[], max: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = -1;
  const add = (line: string): void => {
    if (length >= 0 && length + 1 + line.length > max) {
      groups.push(current);
      current = [];
      length = -1;
    }
    current.push(line);
    length += 1 + line.length;
  };
  for (const line of lines) {
    if (line.length <= max) add(line);
    else for (const piece of splitText(line, max)) add(piece);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls and the bidi embedding/override/isolate characters that could reorder our text.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

/** Breaks every mention (@everyone, @here, <@id>, <@&id>) with a zero-width space after "@". */
export function neutralizeMentions(text: string): string {
  return text.replaceAll('@', '@\u200b');
}

// Anything literal() could change: markdown, "@", surrogates, a line opening with block syntax.
// Most data text has none of these, and one test is far cheaper than four replacements.
const NEEDS_CHANGE = /[\\*_~`|[\]<@\uD800-\uDFFF]|^\s*[#>+\-\d]/m;

/** Text from data, shown literally: markdown escaped, mentions broken. */
export function literal(text: string): string {
  if (!NEEDS_CHANGE.test(text)) return text;
  return neutralizeMentions(escapeMarkdown(text.replace(LONE_SURROGATE, '\uFFFD')));
}

function clean(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** Text a user typed, as one clean line (controls and bidi overrides removed) of at most `max` characters. */
export function cleanInput(text: string, max: number): string {
  const line = clean(text);
  return line.length <= max ? line : line.slice(0, cutIndex(line, max)).trimEnd();
}

/** Text a user typed, to be echoed back: one clean line, cut to `max` with "…", shown literally. */
export function echo(text: string, max: number): string {
  return literal(truncate(clean(text), max));
}
