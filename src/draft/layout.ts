// What the lines of an article are, read from their shape alone: the headline,
// sub-headings that open sections, and summary bullets. Captions, credits and
// website boilerplate are neither: they end in punctuation, carry a slash or a
// colon, or are too long or too short for a heading.
import { type Paragraph, wordCount } from './paragraphs.js';

export interface Layout {
  /** The headline's paragraph, if a line looks like one. */
  title?: Paragraph;
  /** Paragraphs that read as sub-headings, in order (never the headline). */
  headings: Paragraph[];
  /** Bulleted lines (•, -, *, –) with the bullet removed. */
  bullets: Paragraph[];
}

const BULLET = /^[•\-*–·]\s+/u;
const MAX_HEADING_WORDS = 8;
const MIN_TITLE_WORDS = 4;
const MAX_TITLE_WORDS = 16;

/** A heading or headline: starts with a capital (or a quote), no closing punctuation, no digits, no credit-like slash or colon. */
function headingShaped(text: string): boolean {
  return /^[„"“«»‚']?\p{Lu}/u.test(text) && !/[.!?;:,…]$/.test(text) && !/[/:|@]|\d|https?/.test(text) && !BULLET.test(text);
}

export function readLayout(paragraphs: readonly Paragraph[]): Layout {
  const title = findTitle(paragraphs);
  const bullets = paragraphs.filter((p) => BULLET.test(p.text)).map((p) => ({ number: p.number, text: p.text.replace(BULLET, '') }));
  const headings: Paragraph[] = [];
  // Sub-headings come after the headline and after some body text, each followed by body text.
  let bodySeen = false;
  for (const [i, p] of paragraphs.entries()) {
    const isHeading =
      title !== undefined &&
      p.number > title.number &&
      p.text !== title.text &&
      bodySeen &&
      headingShaped(p.text) &&
      wordCount(p.text) >= 2 &&
      wordCount(p.text) <= MAX_HEADING_WORDS &&
      (paragraphs[i + 1] === undefined || !headingShaped(paragraphs[i + 1]!.text) || wordCount(paragraphs[i + 1]!.text) > MAX_HEADING_WORDS);
    if (isHeading) headings.push(p);
    else if (title !== undefined && p.number > title.number && wordCount(p.text) > MAX_HEADING_WORDS) bodySeen = true;
  }
  return { ...(title ? { title } : {}), headings, bullets };
}

/** A line repeated right away (sites print the headline twice), else the first headline-shaped line. */
function findTitle(paragraphs: readonly Paragraph[]): Paragraph | undefined {
  const shaped = (p: Paragraph): boolean => headingShaped(p.text) && wordCount(p.text) >= MIN_TITLE_WORDS && wordCount(p.text) <= MAX_TITLE_WORDS;
  const repeated = paragraphs.find((p, i) => i > 0 && paragraphs[i - 1]!.text === p.text && shaped(p));
  if (repeated) return paragraphs[repeated.number - 2];
  return paragraphs.find(shaped) ?? paragraphs.find((p) => wordCount(p.text) >= 2);
}
