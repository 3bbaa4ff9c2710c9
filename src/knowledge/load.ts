// Reads a data folder (articles/*.json, entities/*.json, topics.json), validates
// every file against the schema, then checks references between records.
// Never throws for bad data: every defect becomes a DataProblem.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { Article, EntityFile, TopicFile, type EntityKind } from './schema.js';
import type { Dataset } from './knowledge-base.js';
import { jsonPath, withArticle, type DataProblem, type PathSegment } from './data-problem.js';
import { checkCrossReferences, type Located, type LocatedDataset } from './cross-references.js';

export { formatProblem, type DataProblem } from './data-problem.js';

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problems: DataProblem[] };

/** The entity files every data folder has, and the one kind each may hold. */
const ENTITY_FILES: Readonly<Record<string, EntityKind>> = {
  'alliances.json': 'alliance',
  'countries.json': 'country',
  'people.json': 'person',
  'experts.json': 'expert',
};

const READ_BATCH = 256;

export async function loadDataset(dir: string): Promise<LoadResult> {
  const problems: DataProblem[] = [];
  const located: LocatedDataset = { articles: [], entities: [], topics: [] };

  const articleFiles = await listJson(dir, 'articles', problems);
  const entityFiles = await listJson(dir, 'entities', problems);
  for (const name of Object.keys(ENTITY_FILES)) {
    if (entityFiles !== undefined && !entityFiles.includes(`entities/${name}`)) {
      problems.push({ file: `entities/${name}`, path: '$', message: 'file is missing' });
    }
  }
  const files = [...(articleFiles ?? []), ...(entityFiles ?? []), 'topics.json'];
  const texts = await readAll(dir, files);

  files.forEach((file, i) => {
    const text = texts[i];
    if (text === undefined) {
      problems.push({ file, path: '$', message: 'file is missing' });
      return;
    }
    const json = parseJson(file, text, problems);
    if (json === NOT_JSON) return;
    if (file === 'topics.json') {
      const topics = validate(TopicFile, json, file, problems);
      topics?.forEach((value, index) => located.topics.push({ file, path: `$[${index}]`, value }));
    } else if (file.startsWith('articles/')) {
      const article = validate(Article, json, file, problems);
      if (!article) return;
      // One article per file, named after its id, so the id alone finds the file.
      if (file !== `articles/${article.id}.json`) {
        problems.push({ file, path: '$.id', message: `id "${article.id}" does not match the file name (expected articles/${article.id}.json)` });
      }
      located.articles.push({ file, path: '$', value: article });
    } else {
      const entities = validate(EntityFile, json, file, problems);
      entities?.forEach((value, index) => {
        const at: Located<typeof value> = { file, path: `$[${index}]`, value };
        const expected = ENTITY_FILES[file.slice('entities/'.length)];
        if (expected && value.kind !== expected) {
          problems.push({ file, path: `${at.path}.kind`, message: `${withArticle(value.kind)} does not belong in a file of ${expected} records` });
        }
        located.entities.push(at);
      });
    }
  });

  // Cross-references only make sense once every file parsed; otherwise they would
  // echo one broken file as dozens of "unknown id" problems elsewhere.
  if (problems.length > 0) return { ok: false, problems };
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

/** `sub/*.json` relative to dir, sorted; undefined (and a problem) when the folder is missing. */
async function listJson(dir: string, sub: string, problems: DataProblem[]): Promise<string[] | undefined> {
  try {
    const names = await readdir(join(dir, sub));
    return names.filter((name) => name.endsWith('.json')).sort().map((name) => `${sub}/${name}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    problems.push({ file: `${sub}/`, path: '$', message: 'folder is missing' });
    return undefined;
  }
}

/**
 * File contents in order; undefined for a file that does not exist. Synchronous
 * reads are several times faster than thousands of async ones; yielding between
 * batches keeps a running bot responsive during a reload.
 */
async function readAll(dir: string, files: readonly string[]): Promise<(string | undefined)[]> {
  const texts: (string | undefined)[] = [];
  for (const file of files) {
    if (texts.length % READ_BATCH === READ_BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    try {
      texts.push(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      texts.push(undefined);
    }
  }
  return texts;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

const NOT_JSON = Symbol('not JSON');

function parseJson(file: string, text: string, problems: DataProblem[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 reports a character offset in varying wordings; we turn it into line and column.
    const offset = /position (\d+)/.exec(String((error as Error).message))?.[1];
    const at = offset === undefined ? text.length : Number(offset);
    const before = text.slice(0, at).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    const found = at < text.length ? `unexpected ${JSON.stringify(text[at])}` : 'unexpected end of file';
    problems.push({ file, path: '$', message: `invalid JSON at line ${line}, column ${column}: ${found}` });
    return NOT_JSON;
  }
}

function validate<T>(schema: z.ZodType<T>, json: unknown, file: string, problems: DataProblem[]): T | undefined {
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
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
