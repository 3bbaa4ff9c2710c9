// Dates a text prints, in German, Austrian and English forms: "27. Dezember
// 2024", "3. Jänner 2023", "13.06.2010", "16 May 2022", "May 16, 2022", "im Mai
// 2022", "Ende März", "1992"; and those it implies: a month or day without a year, a weekday
// ("am Montag", "on Monday"), resolved against when the text was written. Each
// comes with how it was read: printed in full, or inferred (and from what).

export interface DateFound {
  /** YYYY, YYYY-MM or YYYY-MM-DD; undefined when the text does not allow one (a weekday without a day to count from). */
  date?: string;
  /** Where in the paragraph the date's words are. */
  start: number;
  end: number;
  /** The words as printed. */
  printed: string;
  /** Undefined when the text prints the date in full; otherwise how it was inferred. */
  inferred?: string;
}

/** When the text was written: YYYY, YYYY-MM or YYYY-MM-DD. */
export type Reference = string;

const MONTHS: Record<string, number> = {
  januar: 1,
  jänner: 1,
  jaenner: 1,
  january: 1,
  jan: 1,
  februar: 2,
  feber: 2,
  february: 2,
  feb: 2,
  märz: 3,
  maerz: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  december: 12,
  dez: 12,
  dec: 12,
};
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const WEEKDAYS: Record<string, number> = {
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonnabend: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const YEAR = '((?:1[89]|20)\\d{2})';
const DAY = '(0?[1-9]|[12]\\d|3[01])';

const pad = (n: number): string => String(n).padStart(2, '0');

interface Form {
  pattern: RegExp;
  read(m: RegExpExecArray, reference: Reference): { date?: string; inferred?: string } | undefined;
}

const month = (word: string): number => MONTHS[word.toLowerCase()]!;

/** The latest year in which `m` (and `d`) falls on or before the reference. */
function yearBefore(reference: Reference, m: number, d = 1): number {
  const [y = 0, rm = 12, rd = 31] = reference.split('-').map(Number);
  return m < rm || (m === rm && d <= rd) ? y : y - 1;
}

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1;
}

const FORMS: Form[] = [
  {
    // 13.06.2010, 1.3.2022: the German numeric form of news datelines
    pattern: new RegExp(`(?<![\\p{N}.])${DAY}\\.(0?[1-9]|1[0-2])\\.${YEAR}(?![\\p{N}])`, 'gu'),
    read: (m) => full(Number(m[3]), Number(m[2]), Number(m[1])),
  },
  {
    // 27. Dezember 2024, 3. Jänner 2023, 16 May 2022
    pattern: new RegExp(`\\b${DAY}\\.?\\s+${MONTH}\\s+${YEAR}\\b`, 'giu'),
    read: (m) => full(Number(m[3]), month(m[2]!), Number(m[1])),
  },
  {
    // May 16, 2022; Dezember 27, 2024
    pattern: new RegExp(`\\b${MONTH}\\s+${DAY}(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`, 'giu'),
    read: (m) => full(Number(m[3]), month(m[1]!), Number(m[2])),
  },
  {
    // Ende März 2022, im Mai 2022, May 2022
    pattern: new RegExp(`\\b(?:(?:Anfang|Mitte|Ende|early|mid|late)[\\s-]+)?${MONTH}\\s+${YEAR}\\b`, 'giu'),
    read: (m) => ({ date: `${m[2]}-${pad(month(m[1]!))}` }),
  },
  {
    // 27. Dezember, 16 May: the latest such day up to the reference
    pattern: new RegExp(`\\b${DAY}\\.?\\s+${MONTH}(?![\\p{L}])`, 'giu'),
    read: (m, reference) => {
      const [mm, d] = [month(m[2]!), Number(m[1])];
      const y = yearBefore(reference, mm, d);
      if (!validDay(y, mm, d)) return undefined;
      return {
        date: `${y}-${pad(mm)}-${pad(d)}`,
        inferred: `the text gives no year; ${y} is the latest year up to ${reference}, when the text was written`,
      };
    },
  },
  {
    // im Oktober, Ende März, in May: the latest such month up to the reference
    pattern: new RegExp(`\\b(?:(?:im|Anfang|Mitte|Ende|in|early|late|mid|since|seit)\\s+)${MONTH}(?![\\p{L}])`, 'giu'),
    read: (m, reference) => {
      const mm = month(m[1]!);
      const y = yearBefore(reference, mm);
      return { date: `${y}-${pad(mm)}`, inferred: `the text gives no year; ${y} is the latest year up to ${reference}, when the text was written` };
    },
  },
  {
    // am Montag, on Monday: the latest such weekday up to the reference day (news says "on Wednesday" of the day it appears)
    pattern: new RegExp(`\\b(?:am|on|last|vergangenen|letzten)\\s+(${Object.keys(WEEKDAYS).join('|')})\\b`, 'giu'),
    read: (m, reference) => {
      const weekday = WEEKDAYS[m[1]!.toLowerCase()]!;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(reference)) {
        return { inferred: `a weekday, but the day the text was written is not known (${reference}): give --written YYYY-MM-DD` };
      }
      const day = new Date(`${reference}T00:00:00Z`);
      const back = (day.getUTCDay() - weekday + 7) % 7;
      day.setUTCDate(day.getUTCDate() - back);
      return { date: day.toISOString().slice(0, 10), inferred: `the latest ${m[1]} up to ${reference}, when the text was written` };
    },
  },
  {
    // 1992, 2020: a year alone
    pattern: new RegExp(`(?<![\\p{L}\\p{N}.,-])${YEAR}(?![\\p{L}\\p{N}]|[.,]\\d)`, 'gu'),
    read: (m) => ({ date: m[1]! }),
  },
];

function full(y: number, m: number, d: number): { date: string } | undefined {
  return validDay(y, m, d) ? { date: `${y}-${pad(m)}-${pad(d)}` } : undefined;
}

/** Every date of a paragraph; where forms overlap, the one listed first (the most precise) wins. */
export function findDates(text: string, reference: Reference): DateFound[] {
  // Characters already read as part of a date.
  const taken = new Uint8Array(text.length);
  const found: DateFound[] = [];
  for (const form of FORMS) {
    for (const match of text.matchAll(form.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.subarray(start, end).includes(1)) continue;
      const read = form.read(match, reference);
      if (!read) continue;
      taken.fill(1, start, end);
      found.push({ start, end, printed: match[0], ...read });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
