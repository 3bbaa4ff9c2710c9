// Discord markdown: escaping text so it shows literally, and finding where
// a cut would leave a formatting span open.

const INLINE = /[\\*_~`|[\]<]/g;
// Block syntax only acts at the start of a line: headings, lists, quotes.
const LINE_START = /^(\s*)(#{1,3} |-# |[-+] |>{1,3} |(\d+)\. )/gm;

/** Escapes Discord markdown so the text renders exactly as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_match, space: string, marker: string, digits?: string) =>
      digits === undefined ? `${space}\\${marker}` : `${space}${digits}\\. `,
    );
}

const MARKERS = ['```', '**', '__', '~~', '||', '`', '*', '_'] as const;

/**
 * Where the earliest formatting span that is opened but not closed starts,
 * or undefined when every span is closed. Code spans hide other markers.
 */
export function firstUnclosedSpan(text: string): number | undefined {
  const open = new Map<string, number>();
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    const marker = MARKERS.find((m) => text.startsWith(m, i));
    if (marker === undefined) {
      i += 1;
      continue;
    }
    // Inside a code span only its own closing marker counts.
    const code = open.has('```') ? '```' : open.has('`') ? '`' : undefined;
    if (code !== undefined && marker !== code) {
      i += marker.length;
      continue;
    }
    if (open.has(marker)) open.delete(marker);
    else open.set(marker, i);
    i += marker.length;
  }
  return open.size === 0 ? undefined : Math.min(...open.values());
}
