// Dates as precise as the data: "2022", "September 2022", "27. Dezember 2024".
import type { Language } from '../i18n/language.js';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

type Precision = 'month' | 'day';

const OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  day: { dateStyle: 'long', timeZone: 'UTC' },
};

/** The order and wording of a format's parts, and its month names. */
interface Layout {
  parts: Intl.DateTimeFormatPart[];
  months: string[];
}

// Intl takes microseconds per date, and a long reply shows hundreds of them,
// so the locale's layout is read from Intl once and filled in by hand.
function layout(lang: Language, precision: Precision): Layout {
  const format = new Intl.DateTimeFormat(LOCALES[lang], OPTIONS[precision]);
  const months = Array.from(
    { length: 12 },
    (_, m) => format.formatToParts(Date.UTC(2001, m, 1)).find((part) => part.type === 'month')?.value ?? String(m + 1),
  );
  return { parts: format.formatToParts(Date.UTC(2001, 0, 1)), months };
}

// Made on first use: loading a locale's data takes milliseconds, which a start-up need not pay.
const layouts: Record<Language, Partial<Record<Precision, Layout>>> = { de: {}, en: {} };

// Formatted dates, kept: data dates are calendar days, a few thousand at most.
const formatted: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() };

/** A data date (YYYY, YYYY-MM or YYYY-MM-DD, see schema.ts); a year alone is shown as it is. */
export function formatDate(date: string, lang: Language): string {
  if (date.length < 7) return date;
  let text = formatted[lang].get(date);
  if (text === undefined) formatted[lang].set(date, (text = compose(date, lang)));
  return text;
}

function compose(date: string, lang: Language): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = date.length < 10 ? undefined : Number(date.slice(8, 10));
  const precision = day === undefined ? 'month' : 'day';
  const { parts, months } = (layouts[lang][precision] ??= layout(lang, precision));
  let text = '';
  for (const part of parts) {
    if (part.type === 'year') text += String(year);
    else if (part.type === 'month') text += months[month - 1] ?? String(month);
    else if (part.type === 'day') text += String(day);
    else text += part.value;
  }
  return text;
}
