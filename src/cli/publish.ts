// `lagebild publish FILE [--data DIR]`: adds an article to a data folder, but only
// if the folder with it added passes every check `lagebild check` runs. The check
// runs on a temporary copy, so an invalid article never touches the real folder
// (a running bot watches it and would log the problems). The file goes in with a
// rename, so the bot never reads it half-written.
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';

import { type DataProblem, formatProblem } from '../knowledge/data-problem.js';
import { checkDataDir } from '../knowledge/load.js';
import { Id } from '../knowledge/schema.js';
import { parseStrict } from './arguments.js';
import { type CliSubcommand, type Io, readTextFile } from './io.js';
import { defaultDataDir } from './knowledge.js';
import { UsageError } from './usage.js';

/** The article's id if the file is JSON with a valid one; the problems are the check's to report. */
function articleId(text: string): string | undefined {
  try {
    const parsed = Id.safeParse((JSON.parse(text) as { id?: unknown } | null)?.id);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The id in an existing article file, undefined if there is none; `null` when it cannot be read as one. */
async function existingId(path: string): Promise<string | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return articleId(text) ?? null;
}

/** Every problem of `dataDir` with `text` added as `articles/<name>`, checked in a temporary copy. */
async function problemsWith(dataDir: string, name: string, text: string): Promise<DataProblem[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'lagebild-publish-'));
  try {
    const copy = join(scratch, 'data');
    await cp(dataDir, copy, { recursive: true });
    // The first article of a folder creates articles/.
    await mkdir(join(copy, 'articles'), { recursive: true });
    await writeFile(join(copy, 'articles', name), text);
    return await checkDataDir(copy);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function printProblems(io: Io, problems: readonly DataProblem[], added: string, file: string): void {
  // Problems of the new article name the file the user gave; the rest are the folder's.
  for (const problem of problems) io.out(`${formatProblem(problem.file === added ? { ...problem, file } : problem)}\n`);
}

export const publish: CliSubcommand = {
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { data: { type: 'string' } });
    const [file, ...rest] = positionals;
    if (file === undefined || rest.length > 0) throw new UsageError('publish takes exactly one article file');
    const dataDir = resolve(values.data ?? defaultDataDir());

    if (
      !(await stat(dataDir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      io.err(`lagebild: there is no data folder at ${dataDir}\n`);
      return 1;
    }
    const text = await readTextFile(file, io);
    if (text === undefined) return 1;
    const id = articleId(text);
    // Without a readable id the file is still checked, under its own name, to list its problems.
    const name = id === undefined ? `${basename(file, extname(file))}.json` : `${id}.json`;
    const added = `articles/${name}`;
    const target = join(dataDir, 'articles', name);

    const problems = await problemsWith(dataDir, name, text);
    if (problems.length > 0) {
      printProblems(io, problems, added, file);
      io.err(`${problems.length} problem(s); nothing was copied to ${dataDir}\n`);
      return 1;
    }
    const previous = await existingId(target);
    if (previous !== undefined && previous !== id) {
      io.err(`lagebild: ${target} holds another article (${previous ?? 'unreadable id'}); not overwritten\n`);
      return 1;
    }
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    await writeFile(partial, text);
    await rename(partial, target);
    const next =
      previous === undefined
        ? [
            'A running bot picks it up from the data folder and alerts every channel subscribed to its topics, once.',
            'A bot that is not running does so when it next starts (its very first start over a folder only records what is there).',
          ]
        : ['A running bot serves the new version; an update does not alert again.'];
    io.out(`${[`${previous === undefined ? 'Published' : 'Updated'} ${id} as ${target}.`, ...next].join('\n')}\n`);
    return 0;
  },
};
