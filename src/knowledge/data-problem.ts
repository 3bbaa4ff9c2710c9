// One defect found in a data folder, located precisely enough to fix it by hand.

export interface DataProblem {
  /** File relative to the data folder, with forward slashes. */
  file: string;
  /** JSON path inside the file, e.g. `$[2].aliases[0].text` or `$.quotes[3].paragraph`. */
  path: string;
  message: string;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends segments to a JSON path: numbers as `[i]`, names as `.name` (quoted when needed). */
export function jsonPath(base: string, ...segments: readonly PathSegment[]): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** The one-line form the `check` command prints. */
export function formatProblem(problem: DataProblem): string {
  return `${problem.file}: ${problem.path}: ${problem.message}`;
}

/** "a person", "an expert": for messages naming a record kind. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
