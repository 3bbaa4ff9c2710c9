// Turns feed bytes into text. Which declared encoding wins when they disagree:
//
//   1. a byte order mark (UTF-8, UTF-16 LE/BE): it cannot be there by accident;
//   2. the Content-Type charset: RFC 7303 makes it authoritative for XML;
//   3. the XML declaration's encoding="…";
//   4. UTF-16 sniffed from how `<?` is laid out (XML 1.0 appendix F);
//   5. UTF-8 (the default for XML and the only encoding of JSON Feed).
//
// Declarations are often wrong in the wild, so they are repaired, never thrown on:
// - a label TextDecoder does not know (or UTF-16 on 8-bit bytes) is skipped;
// - a single-byte label on bytes that are valid UTF-8 with non-ASCII characters
//   is overruled (the usual "UTF-8 served as ISO-8859-1"; real Latin-1 text is
//   practically never valid UTF-8);
// - bytes that are not valid UTF-8 when UTF-8 was chosen are read as
//   windows-1252 (the usual "legacy file served as UTF-8").
// ISO-8859-1 is decoded as windows-1252 throughout, as WHATWG encoding (and
// every browser) does: it only differs in 0x80–0x9F, where Latin-1 has controls.

export interface DecodedFeed {
  text: string;
  /** The encoding actually used, as TextDecoder names it. */
  encoding: string;
}

export function decodeFeed(bytes: Uint8Array, contentType?: string | null): DecodedFeed {
  const bom = bomEncoding(bytes);
  if (bom !== undefined) return decodeAs(bytes, bom); // TextDecoder strips the BOM itself

  const declared = [charsetOf(contentType), xmlDeclarationEncoding(bytes), sniffUtf16(bytes)]
    .map((label) => usableEncoding(label, bytes))
    .find((encoding) => encoding !== undefined);

  const utf8 = strictUtf8(bytes);
  const utf8OverrulesLabel = utf8 !== undefined && hasNonAscii(bytes) && !declared?.startsWith('utf-16');
  if (declared !== undefined && declared !== 'utf-8' && !utf8OverrulesLabel) return decodeAs(bytes, declared);
  return utf8 !== undefined ? { text: utf8, encoding: 'utf-8' } : decodeAs(bytes, 'windows-1252');
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return undefined;
}

function charsetOf(contentType: string | null | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)/i)?.[1];
}

function xmlDeclarationEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every ASCII-compatible encoding; latin1 reads it without failing.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  return head.match(/^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)?.[1];
}

function sniffUtf16(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  return undefined;
}

/** The canonical name of a label TextDecoder supports, if it fits the bytes at all. */
function usableEncoding(label: string | undefined, bytes: Uint8Array): string | undefined {
  if (label === undefined) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  // A UTF-16 label on a document that starts with single-byte `<` is simply wrong.
  if (encoding.startsWith('utf-16') && sniffUtf16(bytes) === undefined) return undefined;
  return encoding;
}

function decodeAs(bytes: Uint8Array, encoding: string): DecodedFeed {
  const decoder = new TextDecoder(encoding);
  const text = decoder.decode(bytes);
  return { text: decoder.encoding === 'windows-1252' ? repairWindows1252(text) : text, encoding: decoder.encoding };
}

// Node >= 20.18.3 / 22.13.0 decodes windows-1252 (and so ISO-8859-1) as Latin-1:
// bytes 0x80–0x9F come out as C1 controls instead of € „ “ ‚ ‘ – … (nodejs/node
// issues 56542 and 60888). Mapping them afterwards is right with and without the bug.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c1) => WINDOWS_1252_C1.charAt(c1.charCodeAt(0) - 0x80));
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}
