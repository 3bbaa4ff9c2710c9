// Feed values normalised the same way wherever they are read (the parser, alert
// messages, the operator's feed list). Apart from the parser for a measured
// reason: parse-feed.ts loads feedsmith, ~170 ms to import on Node 20, and the
// CLI's cold start (`lagebild ask` → commands → /alerts → alert-message) needs
// these two helpers but never parses a feed.

/** An absolute http(s) URL, or undefined for anything else (javascript:, data:, garbage). */
export function resolveLink(link: string | undefined, base?: string): string | undefined {
  if (link === undefined || link.trim() === '') return undefined;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A parseable date as ISO 8601 UTC, else undefined. */
export function toIsoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
