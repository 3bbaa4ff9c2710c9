// The feeds the operator configured: LAGEBILD_FEEDS plus an optional file
// with one URL per line (blank lines and `#` comments ignored). Only the
// operator names feed URLs; moderators pick topics, never URLs.
import { readFile } from 'node:fs/promises';

import { credentialsProblem } from '../feeds/feed-target.js';
import { resolveLink } from '../feeds/link-and-date.js';

export class FeedListError extends Error {
  override name = 'FeedListError';
}

export async function feedList(urls: readonly string[], file: string | undefined): Promise<string[]> {
  const listed: string[] = [...urls];
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new FeedListError(
        `LAGEBILD_FEEDS_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): fix the path or unset it.`,
      );
    }
    const problems: string[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') return;
      if (resolveLink(line) === undefined) {
        // Not echoed whole: a malformed line may still hold a password.
        problems.push(`${file}:${i + 1}: "${line.replace(/\/\/[^/?#\s]*@/, '//').slice(0, 80)}" is not an http(s) URL`);
        return;
      }
      const credentials = credentialsProblem(new URL(line));
      if (credentials === undefined) listed.push(line);
      else problems.push(`${file}:${i + 1}: ${credentials}`);
    });
    if (problems.length > 0) throw new FeedListError(`the feeds file has problems:\n${problems.join('\n')}`);
  }
  return [...new Set(listed)];
}
