// Dates as precise as the data: "2022", "September 2022", "27. Dezember 2024".
import type { Language } from '../i18n/language.js';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

export function formatDate(date: string, lang: Language): string {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined) return date;
  const utc = new Date(Date.UTC(year, month - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    day === undefined ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(LOCALES[lang], options).format(utc);
}
