// A news item as it is kept in the store (JSON), and the check every stored item passes
// before a process answers from it: the store may hold what an older or broken writer
// wrote, and one bad record must not take the rest down with it. Checked by hand rather
// than with a schema library: a start-up reads every stored item (100,000 in the bench),
// and this check costs a fraction of one.
import type { NewsItem } from '../knowledge/news-index.js';

const SAFE_LINK = /^https?:\/\/[^\s<>]+$/i;
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
const LANGUAGE = /^[a-z]{2,3}$/;

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function isIds(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 200 && value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200);
}

/** A checked item, and whether its text holds exactly the item (no other fields): JSON.parse of the text then gives the item. */
export interface CheckedNewsItem {
  item: NewsItem;
  exact: boolean;
}

/**
 * The text stored under `id`, checked: undefined for anything malformed, and for another
 * item than the one it is stored under. Every reader of stored news skips alike.
 */
export function checkStoredNews(id: string, raw: string): CheckedNewsItem | undefined {
  const checked = checkNewsItem(raw);
  return checked?.item.id === id ? checked : undefined;
}

/** The stored text of a news item, checked; undefined for anything malformed. */
export function checkNewsItem(raw: string): CheckedNewsItem | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, title, summary, link, published, source, language, entities, topics } = value as Record<string, unknown>;
  if (!isText(id, 4096) || id === '' || !isText(title, 1000) || !isText(summary, 4000)) return undefined;
  if (link !== undefined && !(isText(link, 2048) && SAFE_LINK.test(link) && URL.canParse(link))) return undefined;
  if (published !== undefined && !(isText(published, 40) && ISO_DATE.test(published) && !Number.isNaN(Date.parse(published)))) return undefined;
  if (typeof source !== 'object' || source === null) return undefined;
  const { title: sourceTitle, host } = source as Record<string, unknown>;
  if (!isText(sourceTitle, 1000) || !isText(host, 300)) return undefined;
  if (!isText(language, 3) || !LANGUAGE.test(language) || !isIds(entities) || !isIds(topics)) return undefined;
  // What was written is what is kept: the parsed object itself when it holds just these fields
  // (always, for items this version wrote); a copy of them otherwise. A start-up reads 100,000.
  if (fieldCount(value) === 7 + Number(link !== undefined) + Number(published !== undefined) && fieldCount(source) === 2) {
    return { item: value as NewsItem, exact: true };
  }
  const item: NewsItem = {
    id,
    title,
    summary,
    ...(link === undefined ? {} : { link }),
    ...(published === undefined ? {} : { published }),
    source: { title: sourceTitle, host },
    language,
    entities,
    topics,
  };
  return { item, exact: false };
}

/** How many own enumerable fields an object has, counted without a list of them. */
function fieldCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}
