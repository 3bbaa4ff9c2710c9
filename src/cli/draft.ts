// `lagebild draft FILE --id ID --date YYYY-MM-DD --publisher NAME [--language de|en]
// [--written YYYY-MM[-DD]] [--link URL] [--out DIR] [--data DIR]`: drafts an
// article's data from its plain text (src/draft). Prints one JSON object, or
// with --out writes DIR/articles/<id>.json and DIR/entities/<id>.draft.json.
// Input that is no article's text (empty, binary, huge) gets a message, never a
// crash; what is printed always parses as JSON.
import { mkdir, open, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { type Draft, draftArticle, type DraftOptions } from '../draft/draft-article.js';
import { type ArticleText, MAX_TEXT_BYTES, readArticleText, tooLarge } from '../draft/input-text.js';
import { FullDate, Id, PartialDate } from '../knowledge/schema.js';
import { findTodos } from '../knowledge/to-do.js';
import { parseStrict } from './arguments.js';
import type { CliSubcommand, Io } from './io.js';
import { loadKnowledge } from './knowledge.js';
import { UsageError } from './usage.js';

const FLAGS = {
  id: { type: 'string' },
  date: { type: 'string' },
  publisher: { type: 'string' },
  language: { type: 'string' },
  written: { type: 'string' },
  link: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string' },
} as const;

function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`draft needs --${flag} (e.g. --${flag} ${example})`);
  return value.trim();
}

function parseOptions(values: Partial<Record<keyof typeof FLAGS, string>>): DraftOptions {
  const id = required(values.id, 'id', 'publisher-2025-01-31-subject');
  if (!Id.safeParse(id).success) throw new UsageError(`--id "${id}" must be a lowercase slug like publisher-2025-01-31-subject`);
  const date = required(values.date, 'date', '2025-01-31');
  if (!FullDate.safeParse(date).success) throw new UsageError(`--date "${date}" must be a real date as YYYY-MM-DD`);
  const publisher = required(values.publisher, 'publisher', 'securnews');
  const { language, written, link } = values;
  if (language !== undefined && language !== 'de' && language !== 'en') throw new UsageError(`--language must be de or en, not "${language}"`);
  if (written !== undefined && (!PartialDate.safeParse(written).success || written.length < 7 || written > date)) {
    throw new UsageError(`--written "${written}" must be YYYY-MM or YYYY-MM-DD, not after --date`);
  }
  if (link !== undefined && !/^https?:\/\/\S+$/.test(link)) throw new UsageError(`--link "${link}" must be an http(s) address`);
  return { id, date, publisher, ...(language ? { language } : {}), ...(written ? { written } : {}), ...(link ? { link } : {}) };
}

/** The file's text, or why there is none: only a regular file of article size is read (a huge one is refused unread). */
async function readText(file: string): Promise<ArticleText> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return { ok: false, message: 'is not a regular file' };
    if (stats.size > MAX_TEXT_BYTES) return tooLarge(stats.size);
    const handle = await open(file, 'r');
    try {
      // One byte past the cap: a file that grew since the stat is still refused.
      const buffer = Buffer.alloc(MAX_TEXT_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return readArticleText(buffer.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

/** Whether a file or anything else is at `path`. */
const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

async function writeNew(path: string, draft: unknown): Promise<void> {
  // "wx": never overwrite a curator's edits with a fresh draft.
  await writeFile(path, `${JSON.stringify(draft, null, 2)}\n`, { flag: 'wx' });
}

function report(draft: Draft, files: readonly string[]): string {
  const { article, entities } = draft;
  const todos = findTodos(article).length + findTodos(entities).length;
  const mentioned = Object.entries(draft.mentions).map(([id, paragraphs]) => `  ${id}: ${paragraphs.join(', ')}`);
  return [
    `Drafted ${article.id}: ${article.paragraphCount} paragraphs, ${article.entities.length} entities, ${article.quotes.length} quotes, ${article.timeline.length} dated events; ${todos} to-dos.`,
    ...files.map((file) => `Wrote ${file}`),
    'Entities and the paragraphs that name them:',
    ...mentioned,
    `Next: edit the to-dos (npx lagebild check --todo ${files[0] ?? 'FILE'}), then npx lagebild check, then npx lagebild publish.`,
  ].join('\n');
}

export const draft: CliSubcommand = {
  async run(args, io: Io) {
    const { values, positionals } = parseStrict(args, FLAGS);
    const [file, ...rest] = positionals;
    if (file === undefined || rest.length > 0) throw new UsageError('draft takes exactly one text file');
    const options = parseOptions(values);
    const text = await readText(file);
    if (!text.ok) {
      io.err(`lagebild: ${file} ${text.message}\n`);
      return 1;
    }
    const result = draftArticle(text.text, options, await loadKnowledge(values.data));
    if (values.out === undefined) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const out = resolve(values.out);
    const articleFile = join(out, 'articles', `${options.id}.json`);
    const entitiesFile = join(out, 'entities', `${options.id}.draft.json`);
    for (const path of [articleFile, entitiesFile]) {
      if (await exists(path)) {
        io.err(`lagebild: ${path} exists already (a draft being edited?); move it away or choose another --out\n`);
        return 1;
      }
    }
    try {
      await mkdir(join(out, 'articles'), { recursive: true });
      await mkdir(join(out, 'entities'), { recursive: true });
      await writeNew(articleFile, result.article);
      await writeNew(entitiesFile, result.entities);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.err(`lagebild: cannot write the draft to ${out} (${code ?? String(error)})\n`);
      return 1;
    }
    io.out(`${report(result, [articleFile, entitiesFile])}\n`);
    return 0;
  },
};
