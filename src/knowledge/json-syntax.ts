// Where a JSON text goes wrong, as line and column. JSON.parse says where only in
// some Node versions and for some errors (Node 20: `Unexpected token 'x', "…" is
// not valid JSON`, no position), so after it fails this scanner finds the first
// character that cannot continue a valid JSON text. It follows RFC 8259 exactly,
// as JSON.parse does, and keeps its own stack: deep nesting cannot overflow it.

export interface JsonSyntaxError {
  /** 1-based; `\n`, `\r\n` and a lone `\r` each end a line. */
  line: number;
  /** 1-based, in characters (a character outside the BMP counts once). */
  column: number;
  /** `unexpected "x"`, or `unexpected end of file`. */
  message: string;
}

/** The first syntax error in `text`, undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const offset = errorOffset(text);
  if (offset === undefined) return undefined;
  const { line, column } = lineAndColumn(text, offset);
  return { line, column, message: offset < text.length ? `unexpected ${describeCharacter(text, offset)}` : 'unexpected end of file' };
}

type Expect = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'after';

/** Offset of the first character that cannot continue valid JSON (text.length: it ends too early); undefined when valid. */
function errorOffset(text: string): number | undefined {
  const closers: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= text.length) return expect === 'after' && closers.length === 0 ? undefined : text.length;
    const c = text[i];
    if ((expect === 'firstKey' || expect === 'firstValue') && c === closers.at(-1)) {
      // An empty object or array.
      closers.pop();
      i++;
      expect = 'after';
      continue;
    }
    if (expect === 'firstKey') expect = 'key';
    else if (expect === 'firstValue') expect = 'value';
    switch (expect) {
      case 'value': {
        if (c === '{' || c === '[') {
          closers.push(c === '{' ? '}' : ']');
          i++;
          expect = c === '{' ? 'firstKey' : 'firstValue';
          continue;
        }
        const end = scanScalar(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = 'after';
        continue;
      }
      case 'key': {
        if (c !== '"') return i;
        const end = scanString(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = 'colon';
        continue;
      }
      case 'colon':
        if (c !== ':') return i;
        i++;
        expect = 'value';
        continue;
      case 'after': {
        const closer = closers.at(-1);
        if (closer === undefined) return i;
        if (c === closer) {
          closers.pop();
          i++;
        } else if (c === ',') {
          i++;
          expect = closer === '}' ? 'key' : 'value';
        } else {
          return i;
        }
        continue;
      }
    }
  }
}

// The scanners return the offset just past what they read, or -(offset + 1) of the first character they cannot take.

function scanScalar(text: string, start: number): number {
  const c = text[start];
  if (c === '"') return scanString(text, start);
  if (c === '-' || isDigit(text.charCodeAt(start))) return scanNumber(text, start);
  for (const literal of ['true', 'false', 'null']) {
    if (literal[0] !== c) continue;
    for (let k = 1; k < literal.length; k++) if (text[start + k] !== literal[k]) return -(start + k) - 1;
    return start + literal.length;
  }
  return -start - 1;
}

const ESCAPED = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -i - 1;
    if (code !== 0x5c) {
      i++;
      continue;
    }
    const escape = text[i + 1];
    if (escape === undefined) return -(i + 1) - 1;
    if (ESCAPED.has(escape)) {
      i += 2;
      continue;
    }
    if (escape !== 'u') return -(i + 1) - 1;
    for (let k = 2; k < 6; k++) if (!isHexDigit(text.charCodeAt(i + k))) return -(i + k) - 1;
    i += 6;
  }
  return -text.length - 1;
}

function scanNumber(text: string, start: number): number {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return -i - 1;
  if (text[i] === '.') {
    i++;
    if (!isDigit(text.charCodeAt(i))) return -i - 1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text.charCodeAt(i))) return -i - 1;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

const isWhitespace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isHexDigit = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);

/** Line and column (both from 1) of `offset` in `text`, as an editor counts them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    // The second half of a surrogate pair is part of the character before it.
    const code = text.charCodeAt(i);
    if (!(code >= 0xdc00 && code <= 0xdfff && i > lineStart && isHighSurrogate(text.charCodeAt(i - 1)))) column++;
  }
  return { line, column };
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** `"x"` for a visible character; its code point for one that would not show (`U+FEFF (byte order mark)`). */
function describeCharacter(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  const char = String.fromCodePoint(code);
  if (code === 0xfeff) return 'U+FEFF (byte order mark; save the file as UTF-8 without BOM)';
  // Control characters come out escaped (`"\n"`); these would look like nothing or a space.
  const invisible = (code >= 0x7f && code <= 0xa0) || (code >= 0x2000 && code <= 0x200f) || code === 0x2028 || code === 0x2029;
  return invisible ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(char);
}
