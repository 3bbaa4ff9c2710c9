// Reads a data folder (articles/*.json, entities/*.json, topics.json), validates
// every file against the schema, then checks references between records.
// Never throws for bad data: every defect becomes a DataProblem.
// Who reads the files is up to the caller (file-reader.ts): this thread, or a
// worker reading ahead while this one validates (read-ahead.ts). Results are
// the same, in the same order, either way.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { z } from 'zod';

import { checkCrossReferences, type LocatedDataset } from './cross-references.js';
import type { DataFileRead } from './data-file.js';
import { type DataProblem, jsonPath, type PathSegment, withArticle } from './data-problem.js';
import { type FileList, type FileReader, readInThread } from './file-reader.js';
import { findJsonSyntaxError } from './json-syntax.js';
import type { Dataset } from './knowledge-base.js';
import { withCountryDataSet } from './merge-countries.js';
import { Article, type Entity, EntityFile, type EntityKind, type Topic, TopicFile } from './schema.js';
import { findTodos, TODO_MARKER, todoMessage } from './to-do.js';

export { type DataProblem, formatProblem } from './data-problem.js';

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problems: DataProblem[] };

export interface LoadOptions {
  /** Who reads the files; by default this thread, each when its turn comes. */
  reader?: FileReader;
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

/** Files validated between two turns of the event loop (a running bot keeps answering during a reload). */
const FILES_PER_TURN = 48;

/** What one file contributes: its problems and, when it is valid, its records. */
interface FileResult {
  problems: DataProblem[];
  records?: { articles: Article[] } | { entities: Entity[] } | { topics: Topic[] };
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
  const results = await checkFiles(
    { dir, files, listedAsFile: files.map((file) => regular.has(file)), maxBytes: files.map(maxBytesOf) },
    options.reader ?? readInThread(),
  );

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

function maxBytesOf(file: string): number {
  return file.startsWith('articles/') ? MAX_ARTICLE_BYTES : MAX_COLLECTION_BYTES;
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

/** Every file's result, by index. */
async function checkFiles(list: FileList, reader: FileReader): Promise<FileResult[]> {
  reader.begin(list);
  const results: FileResult[] = [];
  for (const [i, file] of list.files.entries()) {
    results.push(checkFile(file, await reader.read(i)));
    if (i % FILES_PER_TURN === FILES_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

/** Parses and validates one file's text, with the checks that need only that file. */
function checkFile(file: string, read: DataFileRead): FileResult {
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
