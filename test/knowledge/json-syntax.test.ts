import { describe, expect, it } from 'vitest';

import { findJsonSyntaxError, lineAndColumn } from '../../src/knowledge/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each<[string, string, string]>([
    ['{"a": x}', 'line 1, column 7', 'unexpected "x"'],
    ['{"a": 1,}', 'line 1, column 9', 'unexpected "}"'],
    ['[1, 2,]', 'line 1, column 7', 'unexpected "]"'],
    ['{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3', 'unexpected "\\""'],
    ['{\r\n  "a": 1,\r\n  "b": tru\r\n}', 'line 3, column 11', 'unexpected "\\r"'],
    ['{\r  "a": nul}', 'line 2, column 11', 'unexpected "}"'],
    ['\t{"a": 01}', 'line 1, column 9', 'unexpected "1"'],
    ['{"a": -}', 'line 1, column 8', 'unexpected "}"'],
    ['{"a": 1.}', 'line 1, column 9', 'unexpected "}"'],
    ['{"a": 1e+}', 'line 1, column 10', 'unexpected "}"'],
    ['{"a": .5}', 'line 1, column 7', 'unexpected "."'],
    ['{"a": "x\\q"}', 'line 1, column 10', 'unexpected "q"'],
    ['{"a": "\\u12G4"}', 'line 1, column 12', 'unexpected "G"'],
    ['{"a": "line\nbreak"}', 'line 1, column 12', 'unexpected "\\n"'],
    ['{"😀😀": x}', 'line 1, column 8', 'unexpected "x"'],
    ['{a: 1}', 'line 1, column 2', 'unexpected "a"'],
    ["{'a': 1}", 'line 1, column 2', `unexpected "'"`],
    ['{"a" 1}', 'line 1, column 6', 'unexpected "1"'],
    ['{"a": 1} x', 'line 1, column 10', 'unexpected "x"'],
    ['[1] [2]', 'line 1, column 5', 'unexpected "["'],
    ['[}', 'line 1, column 2', 'unexpected "}"'],
    ['{]', 'line 1, column 2', 'unexpected "]"'],
    ['\uFEFF{}', 'line 1, column 1', 'unexpected U+FEFF (byte order mark; save the file as UTF-8 without BOM)'],
    ['{"a":\u00A01}', 'line 1, column 6', 'unexpected U+00A0'],
    ['', 'line 1, column 1', 'unexpected end of file'],
    ['  \n ', 'line 2, column 2', 'unexpected end of file'],
    ['{"a": [1, 2', 'line 1, column 12', 'unexpected end of file'],
    ['{"a": "abc', 'line 1, column 11', 'unexpected end of file'],
    ['{"a": "abc\\', 'line 1, column 12', 'unexpected end of file'],
  ])('%j: %s, %s', (text, at, message) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    const error = findJsonSyntaxError(text);
    expect(error && `line ${error.line}, column ${error.column}`).toBe(at);
    expect(error?.message).toBe(message);
  });

  it('finds nothing in valid JSON of every kind', () => {
    for (const text of [
      '{}',
      '[]',
      ' 0 ',
      '-0.5e-3',
      '1E+2',
      '"\\u00e9\\n\\/"',
      'true',
      'false',
      'null',
      '{"a": [1, {"b": null}], "c": ""}',
      '[[[]]]',
    ]) {
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });

  it('survives nesting deeper than any call stack', () => {
    const deep = '['.repeat(1_000_000);
    expect(findJsonSyntaxError(deep)).toEqual({ line: 1, column: 1_000_001, message: 'unexpected end of file' });
    expect(findJsonSyntaxError(`${deep}${']'.repeat(1_000_000)}`)).toBeUndefined();
  });

  it('agrees with JSON.parse on which texts are valid, over many mutations of a real file', () => {
    const source = JSON.stringify({ id: 'a-1', n: [1, -2.5, 3e4], s: 'x\\"y\\u00e9', t: true, f: false, z: null, o: { k: [] } }, null, 2);
    const pieces = ['', ' ', ',', ':', '"', '\\', '{', '}', '[', ']', '0', '-', '.', 'e', 't', 'n', '\n', 'x'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 5000; round++) {
      const at = random(source.length);
      const text = source.slice(0, at) + (pieces[random(pieces.length)] ?? '') + source.slice(at + random(3));
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(text) === undefined, text).toBe(valid);
    }
  });
});

describe('lineAndColumn', () => {
  it('counts \\n, \\r\\n and a lone \\r as one line break each, and characters outside the BMP once', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\rcd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\r\n', 3)).toEqual({ line: 1, column: 4 });
    expect(lineAndColumn('😀x', 2)).toEqual({ line: 1, column: 2 });
  });
});
