// Long lists are cut to what a reply can usefully show, so the work per reply
// stays bounded however much the knowledge base holds about something.
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { LazyList } from '../knowledge/lazy-list.js';

/**
 * Most items one list (a profile section, a timeline) shows. A page holds
 * 6000 characters, 20–40 of our lines, so a full list fills two or three
 * pages, and a profile with six lists plus their sources stays within about
 * twenty. The seed data's longest list has 23 items.
 */
export const MAX_LIST_ITEMS = 60;

/** Which end of a list to keep: the first items, or the last (the newest of a timeline). */
export type Keep = 'first' | 'last';

/**
 * The lines of at most `max` items, rendered (and, for a lazy list, made)
 * only for the items kept, with a line saying how many were left out (after
 * the list, or before it when the last items are kept).
 */
export function cappedLines<T>(
  items: LazyList<T>,
  render: (item: T) => string,
  lang: Language,
  keep: Keep = 'first',
  max = MAX_LIST_ITEMS,
): string[] {
  const omitted = Math.max(0, items.length - max);
  const lines: string[] = [];
  const kept = keep === 'first' ? items.slice(0, max) : items.slice(omitted);
  for (const item of kept) lines.push(render(item));
  if (omitted === 0) return lines;
  return keep === 'first' ? [...lines, t(lang, 'list.more', { count: omitted })] : [t(lang, 'list.earlier', { count: omitted }), ...lines];
}
