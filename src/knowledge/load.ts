// Reads a data folder (articles/*.json, entities/*.json, topics.json), validates
// every file against the schema, then checks references between records.
// Never throws for bad data: every defect becomes a DataProblem.
// Files are independent until the cross-reference pass, so on a machine with
// spare cores worker threads read, parse and validate batches of them alongside
// the calling thread. Results are merged in file order, so the problems are the
// same, in the same order, as on one core.
import { readdir } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import type { z } from 'zod';

import { checkCrossReferences, type LocatedDataset } from './cross-references.js';
import { readDataFile } from './data-file.js';
import { type DataProblem, jsonPath, type PathSegment, withArticle } from './data-problem.js';
import { findJsonSyntaxError } from './json-syntax.js';
import type { Dataset } from './knowledge-base.js';
import { withCountryDataSet } from './merge-countries.js';
import { Article, type Entity, EntityFile, type EntityKind, type Topic, TopicFile } from './schema.js';
import { findTodos, TODO_MARKER, todoMessage } from './to-do.js';

export { type DataProblem, formatProblem } from './data-problem.js';

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problems: DataProblem[] };

export interface LoadOptions {
  /**
   * Worker threads to validate files besides the calling thread. Default: one
   * per idle core (at most MAX_WORKERS) for folders of WORKER_MIN_FILES or more.
   */
  workers?: number;
}

/** The entity files every data folder has, and the one kind each may hold. */
const ENTITY_FILES: Readonly<Record<string, EntityKind>> = {
  'alliances.json': 'alliance',
  'countries.json': 'country',
  'people.json': 'person',
  'experts.json': 'expert',
};
/** Entity files a data folder may have (kinds added after the first data format), and the one kind each may hold. */
const OPTIONAL_ENTITY_FILES: Readonly<Record<string, EntityKind>> = {
  'organisations.json': 'organisation',
  'places.json': 'place',
};
const KIND_OF_FILE: Readonly<Record<string, EntityKind>> = { ...ENTITY_FILES, ...OPTIONAL_ENTITY_FILES };

/**
 * The largest article file read. An article is one news piece (the bundled ones
 * are a few KiB), so a file near this size is a mistake, not an article; reading
 * it would only cost the running bot memory and time.
 */
const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;
/**
 * The largest entity or topics file read. These hold every record of a kind:
 * 20,000 generated entities (the benchmark's) make a 15 MB people.json.
 */
const MAX_COLLECTION_BYTES = 64 * 1024 * 1024;

/** Files per unit of work: small enough to balance threads and to yield often, large enough to amortise a message. */
const BATCH_FILES = 48;
/** Batches handed to a worker ahead, so it never idles while the calling thread is busy. */
const WORKER_QUEUE = 2;
/** Below this many files a worker's start-up (~100 ms) costs more than it saves. */
const WORKER_MIN_FILES = 400;
const MAX_WORKERS = 3;
const WORKER_ROLE = 'lagebild:check-files';
/** Node runs workers from compiled JavaScript only (under a TypeScript test runner this file is .ts). */
const CAN_START_WORKERS = import.meta.url.endsWith('.js');

/** What one file contributes: its problems and, when it is valid, its records. */
interface FileResult {
  problems: DataProblem[];
  records?: { articles: Article[] } | { entities: Entity[] } | { topics: Topic[] };
}

/** A range of indexes into the list of files. */
type Batch = readonly [start: number, end: number];

interface BatchRequest {
  dir: string;
  files: string[];
  /** Per file: whether the folder listing showed it as a regular file (see readDataFile). */
  listedAsFile: boolean[];
}

export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: DataProblem[] = [];
  const regular = new Set<string>();
  const articleFiles = await listJson(dir, 'articles', problems, regular);
  const entityFiles = await listJson(dir, 'entities', problems, regular);
  for (const name of Object.keys(ENTITY_FILES)) {
    if (entityFiles !== undefined && !entityFiles.includes(`entities/${name}`)) {
      problems.push({ file: `entities/${name}`, path: '$', message: 'file is missing' });
    }
  }
  const files = [...(articleFiles ?? []), ...(entityFiles ?? []), 'topics.json'];
  const workers = options.workers ?? defaultWorkers(files.length);
  const listedAsFile = files.map((file) => regular.has(file));
  const results = await checkFiles(dir, files, listedAsFile, CAN_START_WORKERS ? workers : 0);

  const located: LocatedDataset = { articles: [], entities: [], topics: [] };
  for (const [i, file] of files.entries()) {
    const { problems: found, records } = results[i]!;
    problems.push(...found);
    if (!records) continue;
    if ('articles' in records) for (const value of records.articles) located.articles.push({ file, path: '$', value });
    else if ('entities' in records) records.entities.forEach((value, index) => located.entities.push({ file, path: `$[${index}]`, value }));
    else records.topics.forEach((value, index) => located.topics.push({ file, path: `$[${index}]`, value }));
  }

  // Cross-references only make sense once every file parsed; otherwise they would
  // echo one broken file as dozens of "unknown id" problems elsewhere.
  if (problems.length > 0) return { ok: false, problems };
  // Every country of the world, merged before the checks so that codes and names are checked together.
  located.entities = withCountryDataSet(
    located.entities,
    located.topics.map((t) => t.value.id),
  );
  const crossProblems = checkCrossReferences(located);
  if (crossProblems.length > 0) return { ok: false, problems: crossProblems };
  return {
    ok: true,
    dataset: {
      articles: located.articles.map((a) => a.value),
      entities: located.entities.map((e) => e.value),
      topics: located.topics.map((t) => t.value),
    },
  };
}

/** What `lagebild check [dir]` runs: every problem in a data folder, none when it is clean. */
export async function checkDataDir(dir: string): Promise<DataProblem[]> {
  const result = await loadDataset(dir);
  return result.ok ? [] : result.problems;
}

const MIN_CORES_FOR_WORKERS = 4;

/**
 * One worker per idle core, on hosts with at least four cores. A worker only
 * pays off on a core of its own; on 2 cores it was slower even when idle
 * (10,000 articles: 3.2 s against 2.9 s on one thread) and up to 15% slower
 * under load, so smaller hosts load on one thread.
 */
function defaultWorkers(files: number): number {
  if (files < WORKER_MIN_FILES) return 0;
  const cores = availableParallelism();
  if (cores < MIN_CORES_FOR_WORKERS) return 0;
  const idle = Math.floor(cores - loadavg()[0]!);
  return Math.max(0, Math.min(MAX_WORKERS, cores - 1, idle));
}

/**
 * `sub/*.json` relative to dir, sorted; undefined (and a problem) when the folder is missing or cannot be listed.
 * Adds those the listing shows as regular files (not links) to `regular`.
 */
async function listJson(dir: string, sub: string, problems: DataProblem[], regular: Set<string>): Promise<string[] | undefined> {
  try {
    const entries = await readdir(join(dir, sub), { withFileTypes: true });
    const files: string[] = [];
    for (const entry of entries) {
      if (!entry.name.endsWith('.json')) continue;
      const file = `${sub}/${entry.name}`;
      files.push(file);
      if (entry.isFile()) regular.add(file);
    }
    return files.sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const message = code === 'ENOENT' ? 'folder is missing' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be listed (${code ?? String(error)})`;
    problems.push({ file: `${sub}/`, path: '$', message });
    return undefined;
  }
}

/**
 * Every file's result, by index. Batches go to whoever is free: the calling
 * thread and `workerCount` workers. A batch a worker could not finish (it
 * crashed, or a read failed in an unexpected way) is redone here, so an error
 * surfaces from loadDataset as it would on one core.
 */
async function checkFiles(dir: string, files: readonly string[], listedAsFile: readonly boolean[], workerCount: number): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(files.length);
  // Articles come first in `files`. The other files hold many records each: each
  // is a batch of its own, at the front of the queue. Workers take from the front,
  // the calling thread from the back (or the front, alone): so a big file goes to
  // a worker, and the calling thread, which hands out the work, never stays busy
  // long enough to leave a worker waiting.
  const articles = files.filter((file) => file.startsWith('articles/')).length;
  const batches: Batch[] = files.slice(articles).map((_, i) => [articles + i, articles + i + 1]);
  for (let start = 0; start < articles; start += BATCH_FILES) batches.push([start, Math.min(articles, start + BATCH_FILES)]);
  let front = 0;
  let back = batches.length;
  const claimFront = (): Batch | undefined => (front < back ? batches[front++] : undefined);
  const claimBack = (): Batch | undefined => (front < back ? batches[--back] : undefined);
  const claimHere = workerCount > 0 ? claimBack : claimFront;
  const checkHere = ([start, end]: Batch): void => {
    for (let i = start; i < end; i++) results[i] = checkFile(dir, files[i]!, listedAsFile[i]!);
  };

  const workers = Array.from({ length: workerCount }, () => new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE } }));
  try {
    const unfinished = workers.map((worker) => feedWorker(worker, dir, files, listedAsFile, results, claimFront));
    for (let batch = claimHere(); batch; batch = claimHere()) {
      checkHere(batch);
      // Lets worker replies in (and keeps a running bot responsive during a reload).
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const left of await Promise.all(unfinished)) left.forEach(checkHere);
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  return results;
}

/** Keeps a worker busy until no batch is left; resolves with the batches it did not finish. */
function feedWorker(
  worker: Worker,
  dir: string,
  files: readonly string[],
  listedAsFile: readonly boolean[],
  results: FileResult[],
  claim: () => Batch | undefined,
): Promise<Batch[]> {
  return new Promise((resolve) => {
    const queued: Batch[] = [];
    const send = (): void => {
      const batch = claim();
      if (!batch) return;
      queued.push(batch);
      const request: BatchRequest = { dir, files: files.slice(batch[0], batch[1]), listedAsFile: listedAsFile.slice(batch[0], batch[1]) };
      worker.postMessage(request);
    };
    worker.on('message', (json: string) => {
      const [start] = queued.shift()!;
      (JSON.parse(json) as FileResult[]).forEach((result, i) => (results[start + i] = result));
      send();
      if (queued.length === 0) resolve([]);
    });
    worker.on('error', () => resolve(queued));
    worker.on('exit', () => resolve(queued));
    for (let i = 0; i < WORKER_QUEUE; i++) send();
    if (queued.length === 0) resolve([]);
  });
}

/** Reads, parses and validates one file, with the checks that need only that file. */
function checkFile(dir: string, file: string, listedAsFile: boolean): FileResult {
  // Synchronous: thousands of async reads are several times slower.
  const read = readDataFile(join(dir, file), file.startsWith('articles/') ? MAX_ARTICLE_BYTES : MAX_COLLECTION_BYTES, listedAsFile);
  if (!read.ok) return { problems: [{ file, path: '$', message: read.message }] };
  const problems: DataProblem[] = [];
  const json = parseJson(file, read.text, problems);
  if (json === NOT_JSON) return { problems };
  const todos = mayHoldTodo(read.text) ? findTodos(json) : [];
  for (const found of todos) problems.push({ file, path: found.path, message: todoMessage(found) });
  const todoPaths = new Set(todos.map((found) => found.path));
  const result = checkRecords(file, json, problems, todoPaths);
  // A to-do makes the file unusable even where the schema took the string (a text field).
  return todos.length > 0 ? { problems } : result;
}

/** Whether a file's text can hold a to-do at all: walking every value of 10,000 files costs more than this look. */
function mayHoldTodo(text: string): boolean {
  // A to-do's marker could also be written with \u escapes.
  return text.includes(TODO_MARKER) || text.includes('\\u');
}

function checkRecords(file: string, json: unknown, problems: DataProblem[], todoPaths: ReadonlySet<string>): FileResult {
  const validate = <T>(schema: z.ZodType<T>, value: unknown, at: string, found: DataProblem[]): T | undefined =>
    validateAgainst(schema, value, at, found, todoPaths);
  if (file === 'topics.json') {
    const topics = validate(TopicFile, json, file, problems);
    return topics ? { problems, records: { topics } } : { problems };
  }
  if (file.startsWith('articles/')) {
    const article = validate(Article, json, file, problems);
    if (!article) return { problems };
    // One article per file, named after its id, so the id alone finds the file.
    if (file !== `articles/${article.id}.json`) {
      problems.push({ file, path: '$.id', message: `id "${article.id}" does not match the file name (expected articles/${article.id}.json)` });
    }
    return { problems, records: { articles: [article] } };
  }
  const entities = validate(EntityFile, json, file, problems);
  if (!entities) return { problems };
  const name = file.slice('entities/'.length);
  const expected = Object.hasOwn(KIND_OF_FILE, name) ? KIND_OF_FILE[name] : undefined;
  entities.forEach((entity, index) => {
    if (expected && entity.kind !== expected) {
      problems.push({ file, path: `$[${index}].kind`, message: `${withArticle(entity.kind)} does not belong in a file of ${expected} records` });
    }
  });
  return { problems, records: { entities } };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(file: string, text: string, problems: DataProblem[]): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse names a position in some Node versions and for some errors only: find it ourselves.
    const error = findJsonSyntaxError(text) ?? { line: 1, column: 1, message: 'not valid JSON' };
    problems.push({ file, path: '$', message: `invalid JSON at line ${error.line}, column ${error.column}: ${error.message}` });
    return NOT_JSON;
  }
}

/** Validates `json`; a schema problem where a to-do stands is left out (the to-do is the problem there). */
function validateAgainst<T>(
  schema: z.ZodType<T>,
  json: unknown,
  file: string,
  problems: DataProblem[],
  todoPaths: ReadonlySet<string>,
): T | undefined {
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    if (todoPaths.has(jsonPath('$', ...path))) continue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ file, path: jsonPath('$', ...path, key), message: 'unknown field' });
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      problems.push({ file, path: jsonPath('$', ...path), message: 'missing required field' });
    } else {
      problems.push({ file, path: jsonPath('$', ...path), message: issue.message });
    }
  }
  return undefined;
}

// In a worker started by checkFiles: answer each batch with its results as one
// JSON string (validated records are plain JSON, and one string crosses threads
// faster than a structured clone of many small objects).
if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  const port = parentPort;
  port.on('message', ({ dir, files, listedAsFile }: BatchRequest) => {
    port.postMessage(JSON.stringify(files.map((file, i) => checkFile(dir, file, listedAsFile[i]!))));
  });
}
