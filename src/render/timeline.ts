// Timeline entries as lines: date in bold, the event, its source.
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { TimelineEntry } from '../knowledge/knowledge-base.js';
import type { Citations } from './citations.js';
import { formatDate } from './dates.js';
import { literal } from './text.js';

export function timelineLine(entry: TimelineEntry, lang: Language, citations: Citations): string {
  const { event, article } = entry;
  const note = event.dateNote === undefined ? '' : ` *(${t(lang, 'timeline.dateNote', { note: literal(event.dateNote[lang]) })})*`;
  return `**${formatDate(event.date, lang)}** — ${literal(event.text[lang])} ${citations.cite(article, event.paragraph)}${note}`;
}
