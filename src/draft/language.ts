// Whether a text reads as German or English, by its commonest short words.
// Used when the curator does not say (--language); undefined means neither.

const GERMAN = new Set([
  'der',
  'die',
  'das',
  'und',
  'ist',
  'nicht',
  'mit',
  'sich',
  'des',
  'dem',
  'ein',
  'eine',
  'zu',
  'auf',
  'für',
  'von',
  'sie',
  'sagte',
]);
const ENGLISH = new Set(['the', 'and', 'is', 'of', 'to', 'in', 'that', 'it', 'for', 'was', 'with', 'as', 'on', 'by', 'said', 'has', 'have', 'an']);
/** Below this share of known short words a text is taken for another language. */
const MIN_SHARE = 0.08;

export function detectLanguage(text: string): 'de' | 'en' | undefined {
  let german = 0;
  let english = 0;
  let words = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    words += 1;
    if (GERMAN.has(word)) german += 1;
    if (ENGLISH.has(word)) english += 1;
  }
  if (words === 0 || Math.max(german, english) / words < MIN_SHARE) return undefined;
  return german >= english ? 'de' : 'en';
}
