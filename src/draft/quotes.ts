// Direct quotes and reported speech. A quote is the words between quotation
// marks („…“, "…", “…”, «…», »…«), verbatim; an opening mark the paragraph
// never closes runs to its end (machine translations drop closing marks). It is
// a quote only where a verb of saying attributes it, in its paragraph; who said
// it is the person named outside the quotation marks, nearest before it (else
// after it), or, for "sagte sie" / "he added", the last person who spoke in the
// paragraphs before. Words attributed to no person but to an institution
// ("according to the Uzbek government"), to "it" ("which it said") or to someone
// unnamed ("a spokesperson said") are nobody's quote: the data quotes people.
// A paragraph that attributes words without quotation marks ("sagte, es habe
// …", "according to X") is reported speech: a paraphrase.
import type { Paragraph } from './paragraphs.js';

export interface QuoteFound {
  paragraph: number;
  text: string;
  /** Id of the speaker (a known entity or a proposed one); undefined when no one is named. */
  speaker?: string;
}

export interface ParaphraseFound {
  paragraph: number;
  /** The sentence that reports the speech, as printed. */
  text: string;
  speaker: string;
}

/** Finds the speakers (person ids) named in a piece of text. */
export type SpeakerFinder = (text: string) => string[];

/** Finds the entities named in a piece of text that are not people (countries, organisations, places). */
export type SourceFinder = (text: string) => string[];

const PAIRS: Record<string, string> = { '„': '“', '"': '"', '“': '”', '«': '»', '»': '«' };
const OPENERS = new Set(Object.keys(PAIRS));

/** Verbs and phrases that attribute words to someone, German and English. */
const SAYING =
  /,\s*so\s|\b(?:sagt(?:e|en)?|erklärt(?:e|en)?|betont(?:e|en)?|meint(?:e|en)?|fügte\b[^.]*?\bhinzu|merkt(?:e|en)?\b[^.]*?\ban|bemerkt(?:e|en)?|stellt(?:e|en)?\b[^.]*?\bfest|schrieb|warnt(?:e|en)?|beschrieb|schlug\b[^.]*?\bvor|sagte gegenüber|zufolge|laut|said|says|told|added|wrote|warned|noted|explained|stated|according to|described)\b/iu;
/** Reported speech without a named speaker nearby still needs the verb right after a pronoun or a name. */
const PRONOUN_SAYING =
  /\b(?:sie|er|es|she|he)\s+(?:sagt(?:e|en)?|fügte|merkte|erklärte|betonte|meinte|schrieb|warnte|beschrieb|said|says|told|added|wrote|warned|noted)\b|\b(?:sagte|fügte hinzu)\s+(?:sie|er)\b|\b(?:she|he)\s+(?:said|added)\b|\bsaid\s+(?:she|he)\b/iu;

/** An attribution to "it" or "es", or to someone the text introduces without a name ("a spokesperson said", "ein Sprecher sagte"). */
const NOBODY_NAMED =
  /\b(?:it|es)\s+(?:said|says|stated|wrote|sagte|hieß|schrieb)\b|\b(?:said|says|sagte|hieß)\s+(?:it|es)\b|\b(?:an?|one|ein|eine|einer)\s+(?:[\p{L}-]+\s+){1,3}?(?:said|says|told|added|stated|wrote|sagte|sagt|erklärte|betonte|meinte|schrieb|warnte)\b/iu;

/** Words for an institution speaking ("the Uzbek government", "das Ministerium"), whatever the country's adjective. */
const INSTITUTION = /\b(?:government|ministry|authorities|administration|Regierung|Ministerium|Behörden?)\b/iu;

interface Span {
  start: number;
  end: number;
  text: string;
}

/** Quoted spans of a paragraph, outermost only. */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text[i]!;
    if (!OPENERS.has(open)) {
      i += 1;
      continue;
    }
    const close = PAIRS[open]!;
    // A straight quote after a letter is an apostrophe-like use, not an opening.
    if (open === '"' && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]!)) {
      i += 1;
      continue;
    }
    const end = text.indexOf(close, i + 1);
    const stop = end < 0 ? text.length : end;
    const inner = text.slice(i + 1, stop).trim();
    if (inner.length > 0) spans.push({ start: i, end: end < 0 ? stop : end + 1, text: inner });
    i = end < 0 ? text.length : end + 1;
  }
  return spans;
}

/** The paragraph with every quoted span blanked out (same length, so positions hold). */
function outside(text: string, spans: readonly Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start), ' '.repeat(span.end - span.start));
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** How far from a quote its attribution is looked for: a sentence or two, not the whole paragraph. */
const ATTRIBUTION_REACH = 300;

/** Clauses of a text, split where a reader pauses. */
function clauses(text: string): string[] {
  return text.split(/[,;:.!?–—()]/u);
}

/** Who a paragraph says is speaking: the person in the clause with the verb of saying, else the first person named. */
function speakerOf(plain: string, speakersIn: SpeakerFinder): string | undefined {
  const parts = clauses(plain);
  const saying = parts.find((clause) => SAYING.test(clause) && speakersIn(clause).length > 0);
  if (saying !== undefined) return speakersIn(saying)[0];
  return parts.map((clause) => speakersIn(clause)[0]).find((id) => id !== undefined);
}

/** Who a clause says is speaking: the three words before its verb of saying and the three after ("according to the Uzbek government"). */
function attributionOf(clause: string): string {
  const verb = SAYING.exec(clause);
  if (!verb) return '';
  const words = (text: string): string[] => text.split(/\s+/).filter((word) => word.length > 0);
  return [...words(clause.slice(0, verb.index)).slice(-3), verb[0], ...words(clause.slice(verb.index + verb[0].length)).slice(0, 3)].join(' ');
}

/**
 * Whether the attribution nearest a quote gives its words to an institution, to
 * "it" or to someone unnamed, and not, by a pronoun, to a person who spoke before.
 */
function nobodysWords(clauses: readonly string[], sourcesIn: SourceFinder): boolean {
  const clause = clauses.find((c) => SAYING.test(c));
  if (clause === undefined || PRONOUN_SAYING.test(clause)) return false;
  const attribution = attributionOf(clause);
  return NOBODY_NAMED.test(clause) || INSTITUTION.test(attribution) || sourcesIn(attribution).length > 0;
}

export function findSpeech(
  paragraphs: readonly Paragraph[],
  speakersIn: SpeakerFinder,
  sourcesIn: SourceFinder,
): { quotes: QuoteFound[]; paraphrases: ParaphraseFound[] } {
  const quotes: QuoteFound[] = [];
  const paraphrases: ParaphraseFound[] = [];
  let lastSpeaker: string | undefined;
  for (const { number, text } of paragraphs) {
    const spans = quotedSpans(text);
    const plain = outside(text, spans);
    const attributes = SAYING.test(plain);
    const named = speakerOf(plain, speakersIn);
    for (const span of spans) {
      // Two words at least: a single word in quotation marks is a term, not a statement.
      if (!attributes || span.text.split(/\s+/).length < 2) continue;
      const nearby = [
        ...clauses(plain.slice(Math.max(0, span.start - ATTRIBUTION_REACH), span.start)).reverse(),
        ...clauses(plain.slice(span.end, span.end + ATTRIBUTION_REACH)),
      ];
      const nearest = nearby.map((clause) => speakersIn(clause)[0]).find((id) => id !== undefined);
      if (nearest === undefined && nobodysWords(nearby, sourcesIn)) continue;
      const speaker = nearest ?? lastSpeaker;
      quotes.push({ paragraph: number, text: span.text, ...(speaker === undefined ? {} : { speaker }) });
      if (speaker !== undefined) lastSpeaker = speaker;
    }
    if (attributes && spans.length === 0) {
      const speaker = named ?? (PRONOUN_SAYING.test(plain) ? lastSpeaker : undefined);
      if (speaker !== undefined) paraphrases.push({ paragraph: number, text, speaker });
    }
    if (attributes && named !== undefined) lastSpeaker = named;
  }
  return { quotes, paraphrases };
}
