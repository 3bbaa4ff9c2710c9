// A to-do in a data file: any string value that starts with "TODO:" stands for
// work a curator still has to do (a translation, a summary, a date the text does
// not give). `lagebild draft` writes them; the loader reports each one as a
// problem, so a file with to-dos never loads: not in `check`, `publish` or the bot.
// A to-do may stand where the schema wants another value (an id, a date): the
// schema's complaint about that value is left out, the to-do says what is missing.
import { jsonPath, type PathSegment } from './data-problem.js';

export const TODO_MARKER = 'TODO:';

/** A to-do string: the marker and what is left to do. */
export function todo(what: string): string {
  return `${TODO_MARKER} ${what}`;
}

export function isTodo(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith(TODO_MARKER);
}

export interface TodoFound {
  /** JSON path of the string, e.g. `$.quotes[2].translations.en`. */
  path: string;
  /** What is left to do, without the marker. */
  what: string;
}

/** Every to-do in a parsed JSON value, in document order. */
export function findTodos(json: unknown): TodoFound[] {
  const found: TodoFound[] = [];
  const visit = (value: unknown, segments: PathSegment[]): void => {
    if (isTodo(value)) {
      found.push({ path: jsonPath('$', ...segments), what: value.trimStart().slice(TODO_MARKER.length).trim() });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...segments, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...segments, key]);
    }
  };
  visit(json, []);
  return found;
}

/** The problem message of a to-do, as `check` prints it. */
export function todoMessage(found: TodoFound): string {
  return `to do: ${found.what}`;
}
