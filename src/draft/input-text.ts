// An article's text as a curator hands it in: bytes of unknown quality. Only
// UTF-8 text of article size is drafted; anything else gets a message saying why.
// A byte order mark goes, and CRLF, CR and LF all end a line.

/** Far beyond any news article (the seed's text is 15 KiB); a larger file is not an article's text. */
export const MAX_TEXT_BYTES = 1024 * 1024;

export type ArticleText = { ok: true; text: string } | { ok: false; message: string };

const BOM = '\uFEFF';

export function readArticleText(bytes: Uint8Array): ArticleText {
  if (bytes.length > MAX_TEXT_BYTES) return tooLarge(bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'is not UTF-8 text (a binary file, or another encoding: save it as UTF-8)' };
  }
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  if (hasBinaryControls(text)) return { ok: false, message: "holds control characters: a binary file, not an article's text" };
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim().length === 0) return { ok: false, message: 'is empty: there is no text to draft from' };
  return { ok: true, text };
}

/** The answer for a text of `size` bytes beyond MAX_TEXT_BYTES (a caller may know the size without reading it all). */
export function tooLarge(size: number): ArticleText {
  return { ok: false, message: `is ${mebibytes(size)}, too large for an article's text (at most ${mebibytes(MAX_TEXT_BYTES)})` };
}

/** NUL and the other C0 controls but tab, line ends, vertical tab and form feed never occur in text. */
function hasBinaryControls(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && (code < 0x09 || code > 0x0d)) return true;
  }
  return false;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}
