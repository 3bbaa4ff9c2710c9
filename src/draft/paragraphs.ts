// The data's paragraph rule (data/README.md): the non-empty lines of the text
// after trimming whitespace, numbered from 1 in order.

export interface Paragraph {
  /** 1-based, as every `paragraph` field of the data. */
  number: number;
  text: string;
}

export function splitParagraphs(text: string): Paragraph[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line, i) => ({ number: i + 1, text: line }));
}

/** Words of a line, as a reader counts them. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
