// Feed text is written by strangers: reduce their HTML to plain text, and make
// sure plain text cannot turn into Discord markup (links, headings, pings) when
// an alert shows it. Escaping is a separate, last step, done where the text is
// put into a message, so stored items keep their readable form.

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  shy: '',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  bull: '•',
  middot: '·',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  deg: '°',
  sect: '§',
  para: '¶',
  times: '×',
  divide: '÷',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  Eacute: 'É',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ccedil: 'ç',
  ntilde: 'ñ',
  oslash: 'ø',
  aring: 'å',
};

/** Decodes numeric references and common named entities; unknown ones stay as written. */
function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // NUL, surrogates and out-of-range values are not characters.
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    }
    // Own keys only: `&constructor;` in a feed is an unknown entity, not Object's constructor.
    return Object.hasOwn(NAMED_ENTITIES, ref) ? (NAMED_ENTITIES[ref] ?? whole) : whole;
  });
}

// Elements whose content is never readable text.
const HIDDEN_ELEMENT = /<(script|style|template|noscript|iframe|object|svg|head)\b[^>]*(?:>|$)/gi;
// Tags that separate words visually; without a space "Jerewan</p><p>Moskau" would fuse.
const BREAKING_TAGS = /<\/?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|figure|figcaption|hr|dd|dt)\b[^>]*(?:>|$)/gi;
// Every pattern below either matches or fails without scanning ahead, or ends in
// `(?:…|$)` so it always matches: an unterminated construct swallows the rest
// (as in a browser), and hostile input cannot make the regexes quadratic.

/** HTML (or text that may contain some) → one line of plain text. */
export function htmlToText(html: string): string {
  const withoutMarkup = dropHiddenElements(html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1'))
    .replace(BREAKING_TAGS, ' ')
    // A tag starts with a letter, `/` or `!`; a lone "<" as in "a < b" is text.
    .replace(/<[a-z/!][^>]*(?:>|$)/gi, '');
  return collapseWhitespace(decodeHtmlEntities(withoutMarkup));
}

/** Removes script, style & co. with their content; one pass, since a regex with a backreference could go quadratic. */
function dropHiddenElements(html: string): string {
  const lower = html.toLowerCase();
  let result = '';
  let last = 0;
  HIDDEN_ELEMENT.lastIndex = 0;
  for (let open = HIDDEN_ELEMENT.exec(html); open !== null; open = HIDDEN_ELEMENT.exec(html)) {
    result += `${html.slice(last, open.index)} `;
    const close = lower.indexOf(`</${open[1]!.toLowerCase()}`, HIDDEN_ELEMENT.lastIndex);
    if (close === -1) return result; // never closed: the rest is hidden, as in a browser
    const end = html.indexOf('>', close);
    last = end === -1 ? html.length : end + 1;
    HIDDEN_ELEMENT.lastIndex = last;
  }
  return result + html.slice(last);
}

export function collapseWhitespace(text: string): string {
  // \s covers NBSP and the other Unicode spaces; zero-width characters are dropped too.
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Shortens to at most `max` UTF-16 units (never fewer than the characters Discord counts), ending in "…". */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Do not leave half of a surrogate pair behind.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  // Prefer ending at a word boundary when one is reasonably close.
  const space = cut.lastIndexOf(' ');
  const endsWord = /\s/.test(text.charAt(cut.length));
  if (!endsWord && space > max * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

// Every character Discord markdown gives a meaning to somewhere in a line:
// emphasis * _, strikethrough ~, spoiler |, code `, masked links [ ] ( ),
// block quotes >, headings #, the escape character itself, and list/heading
// markers, which only count at the start of a line (handled below).
const MARKDOWN_CHARACTERS = /[\\*_~|`[\]()>#]/g;

/**
 * Makes feed text show literally in a Discord message: no markdown, no masked
 * links, no mentions. Mentions are broken with a zero-width space, which
 * renders invisibly; messages should still send `allowed_mentions: {parse: []}`.
 */
export function escapeDiscordMarkdown(text: string): string {
  return (
    text
      .replace(MARKDOWN_CHARACTERS, '\\$&')
      // List markers "- ", "+ ", "1. " and subtext "-#" (its # already escaped) at the start of a line.
      .replace(/^([ \t]*)([-+])(?=\s|\\#)/gm, '$1\\$2')
      .replace(/^([ \t]*\d+)\.(?=\s)/gm, '$1\\.')
      // @everyone, @here and <@id>, <@!id>, <@&role>, <#channel>, </command:id>, <:emoji:id>, <t:time>.
      .replace(/@(?=everyone|here)/gi, '@\u200b')
      .replace(/<(?=[@#/:]|a:|t:)/gi, '<\u200b')
  );
}
