// Plain-text tables for benchmark output: columns as wide as their widest cell.

/** One line per row, header first; the first `leftColumns` columns are left-aligned, the rest right-aligned. */
export function table(head: string[], body: string[][], leftColumns: number): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)));
  return [head, ...body].map((cells) =>
    cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
  );
}
