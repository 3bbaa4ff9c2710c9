// Knowledge-base figures: load + validate time and peak memory for a synthetic
// 10,000-article / 20,000-entity dataset, and latency of resolve, suggest and search
// (also on the same articles with the seed article's vocabulary, see seed-corpus.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { Language } from '../src/i18n/language.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import type { Dataset, LookupKind } from '../src/knowledge/knowledge-base.js';
import type { LocalizedText } from '../src/knowledge/schema.js';
import { searchDocuments } from '../src/knowledge/search-documents.js';
import { createSearchIndex } from '../src/knowledge/search-index.js';
import { generateDataset, writeDataset } from './generate-dataset.js';
import { formatLatency, formatStalls, type Latency, latencyOf, machineStalls, medianBy } from './latency.js';
import { seedSentences, withSeedVocabulary } from './seed-corpus.js';

/** Times `call` once per input (after one warm-up pass); milliseconds. */
export function timeCalls<T>(inputs: readonly T[], call: (input: T) => unknown): Latency {
  for (const input of inputs) call(input);
  const samples = inputs.map((input) => {
    const started = performance.now();
    call(input);
    return performance.now() - started;
  });
  return latencyOf(samples);
}

interface LoadFigures {
  loadMs: number;
  buildMs: number;
  cpuMs: number;
  peakRssMb: number;
  heapUsedMb: number;
}

/** Runs of each way of loading. */
const LOAD_RUNS = 5;

export async function benchKnowledge(print: (line: string) => void): Promise<void> {
  const dataset = generateDataset();
  const dir = await mkdtemp(join(tmpdir(), 'lagebild-bench-'));
  try {
    await writeDataset(dataset, dir);
    const child = fileURLToPath(new URL('./knowledge-load-child.js', import.meta.url));
    const size = `${dataset.articles.length} articles, ${dataset.entities.length} entities`;
    // Both ways of loading: as the bot does (a worker reads ahead and builds the search
    // index, on hosts with two cores or more), and everything on the calling thread. Each
    // in fresh processes, taking turns, LOAD_RUNS times: a shared machine's speed drifts
    // within minutes, so one run of each could compare two speeds of the machine.
    const asTheBot = availableParallelism() >= 2 ? 'as the bot loads: worker reads ahead, builds search' : 'as the bot loads: 1 core, 1 thread';
    const ways = [
      { how: asTheBot, mode: 'read-ahead', runs: [] as LoadFigures[] },
      { how: '1 thread', mode: 'in-thread', runs: [] as LoadFigures[] },
    ];
    for (let run = 0; run < LOAD_RUNS; run++) {
      for (const way of ways) {
        const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child, dir, way.mode], { maxBuffer: 1 << 20 });
        way.runs.push(JSON.parse(stdout) as LoadFigures);
      }
    }
    for (const { how, runs } of ways) {
      const median = (figure: (load: LoadFigures) => number): string => medianBy(runs.map(figure), (value) => value).toFixed(0);
      const range = (figure: (load: LoadFigures) => number): string => {
        const values = runs.map(figure);
        return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
      };
      const ready = (load: LoadFigures): number => load.loadMs + load.buildMs;
      print(`knowledge (${how}): medians of ${LOAD_RUNS} runs each, turn about`);
      print(`knowledge (${how}): load + validate (${size}): ${median((load) => load.loadMs)} ms`);
      print(`knowledge (${how}): build indexes: ${median((load) => load.buildMs)} ms`);
      print(
        `knowledge (${how}): ready to answer (load + build): ${median(ready)} ms wall (runs ${range(ready)} ms), ${median((load) => load.cpuMs)} ms CPU`,
      );
      print(`knowledge (${how}): peak RSS ${median((load) => load.peakRssMb)} MB, heap kept after build ${median((load) => load.heapUsedMb)} MB`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const kb = createKnowledgeBase(dataset);
  const queries = benchQueries(dataset);
  print(
    `knowledge: resolve (${queries.resolve.length} names/aliases): ${formatLatency(timeCalls(queries.resolve, ([kind, q]) => kb.resolve(kind, q)))}`,
  );
  print(
    `knowledge: suggest (${queries.suggest.length} empty/prefix/typo): ${formatLatency(timeCalls(queries.suggest, ([kind, q, lang]) => kb.suggest(kind, q, lang)))}`,
  );
  print(`knowledge: search (${queries.search.length} queries): ${formatLatency(timeCalls(queries.search, ([q, lang]) => kb.search(q, lang)))}`);
  print(`knowledge: this machine's own stalls, measured now (${formatStalls(machineStalls())})`);

  // The search index alone (part of "build indexes" above), here and on a corpus whose
  // words are the seed article's: as many distinct words, and as rare, as real articles have.
  const sentences = await seedSentences();
  const realistic = withSeedVocabulary(dataset, sentences);
  for (const [name, data] of [
    ['generated', dataset],
    ['seed vocabulary', realistic],
  ] as const) {
    const documents = data.articles.flatMap(searchDocuments);
    const build = timeBuild(() => createSearchIndex(documents));
    print(
      `knowledge: search index build (${name}, ${documents.length} records): ${build.wallMs.toFixed(0)} ms wall, ${build.cpuMs.toFixed(0)} ms CPU`,
    );
  }
  const realisticKb = createKnowledgeBase(realistic);
  const quoteQueries = seedQueries(sentences);
  print(
    `knowledge: search, seed vocabulary (${quoteQueries.length} queries: quote words, inflected forms, phrases, prefixes, other language): ${formatLatency(timeCalls(quoteQueries, ([q, lang]) => realisticKb.search(q, lang)))}`,
  );
}

/** Wall and CPU time of one call, after a garbage collection when exposed. */
export function timeBuild(build: () => unknown): { wallMs: number; cpuMs: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  build();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Queries a reader would type after reading the seed article: its words, other forms of them, phrases, half-typed words. */
export function seedQueries(sentences: readonly LocalizedText[]): [string, Language][] {
  const queries: [string, Language][] = [];
  sentences.forEach((sentence, i) => {
    const words = (lang: Language): string[] => sentence[lang].split(/[\s,.;:„“”"'‚‘’()]+/).filter((word) => word.length > 0);
    for (const lang of ['de', 'en'] as const) {
      const other: Language = lang === 'de' ? 'en' : 'de';
      const all = words(lang);
      const long = all.filter((word) => word.length >= 6);
      const word = long[i % Math.max(1, long.length)] ?? all[0] ?? 'NATO';
      const middle = Math.floor(all.length / 2);
      queries.push(
        [word, lang],
        [word, other],
        [`${word}s`, lang],
        [all.slice(middle, middle + 2).join(' '), lang],
        [all.slice(0, 3).join(' '), other],
        [`${all.slice(1, 2).join(' ')} ${word.slice(0, 4)}`, lang],
      );
    }
  });
  return queries;
}

/** Realistic queries drawn from the data: names, aliases, prefixes as typed, typos, empty boxes. */
export function benchQueries(dataset: Dataset): {
  resolve: [LookupKind, string][];
  suggest: [LookupKind, string, Language][];
  search: [string, Language][];
} {
  // Deterministic picks: every n-th record.
  const every = <T>(items: readonly T[], count: number): T[] =>
    Array.from({ length: Math.min(count, items.length) }, (_, i) => items[Math.floor((i * items.length) / count)]!);
  const typo = (text: string): string => (text.length < 4 ? text : text.slice(0, 2) + text[3]! + text[2]! + text.slice(4));
  const entities = every(dataset.entities, 500);
  const articles = every(dataset.articles, 200);

  const resolve: [LookupKind, string][] = entities.flatMap((e): [LookupKind, string][] => [
    [e.kind, e.name.en],
    [e.kind, e.aliases[0]?.text ?? e.id],
  ]);
  const suggest: [LookupKind, string, Language][] = entities.flatMap((e, i): [LookupKind, string, Language][] => {
    const lang: Language = i % 2 ? 'de' : 'en';
    const name = e.name[lang];
    const surname = name.split(' ').at(-1) ?? name;
    return [
      [e.kind, '', lang],
      [e.kind, name.slice(0, 1 + (i % 3)), lang],
      [e.kind, name.slice(0, 4 + (i % 5)), lang],
      [e.kind, surname.slice(0, 3), lang],
      [e.kind, typo(surname), lang],
    ];
  });
  suggest.push(...articles.map((a, i): [LookupKind, string, Language] => ['article', i % 4 ? a.title.en.slice(0, 6 + (i % 10)) : '', 'en']));
  const search: [string, Language][] = articles.flatMap((a, i): [string, Language][] => {
    const words = (a.summary[0]?.text.en ?? '').split(' ');
    const lang: Language = i % 2 ? 'de' : 'en';
    return [
      [words.slice(0, 2).join(' '), 'en'],
      [`${words[3] ?? ''} ${(words[4] ?? '').slice(0, 3)}`, 'en'],
      [a.entities[0] ?? '', lang],
      [(a.quotes[0]?.text ?? 'nato').split(' ').slice(1, 3).join(' '), lang],
    ];
  });
  return { resolve, suggest, search };
}
