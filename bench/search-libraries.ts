// Why the search index is our own: the same records, stemmers and queries in
// MiniSearch (a well-kept search library; dev dependency for this comparison only)
// and in src/knowledge/search-index.ts, on both bench corpora.
// Run: npm run build && node --expose-gc dist/bench/search-libraries.js
import MiniSearch from 'minisearch';

import type { Language } from '../src/i18n/language.js';
import type { Dataset } from '../src/knowledge/knowledge-base.js';
import { tokenize } from '../src/knowledge/normalize.js';
import { searchDocuments } from '../src/knowledge/search-documents.js';
import { createSearchIndex, type SearchDocument } from '../src/knowledge/search-index.js';
import { stem } from '../src/knowledge/search-terms.js';
import { generateDataset } from './generate-dataset.js';
import { benchQueries, seedQueries, timeBuild, timeCalls } from './knowledge.js';
import { formatLatency } from './latency.js';
import { seedSentences, withSeedVocabulary } from './seed-corpus.js';

const LIMIT = 10;

interface Row {
  id: number;
  de: string;
  en: string;
}

function miniSearch(documents: readonly SearchDocument[]): MiniSearch<Row> {
  const index = new MiniSearch<Row>({
    fields: ['de', 'en'],
    // Each field's words by that language's stemmer, as our index does.
    tokenize: (text) => tokenize(text),
    processTerm: (term, field) => stem(term, field === 'de' ? 'de' : 'en'),
    searchOptions: {
      // A query word may be German or English: both stems.
      processTerm: (term) => [...new Set([stem(term, 'de'), stem(term, 'en')])],
      prefix: (_term, i, terms) => i === terms.length - 1,
      combineWith: 'OR',
    },
  });
  const text = (document: SearchDocument, lang: Language): string =>
    document.texts
      .filter((t) => t.language === lang)
      .map((t) => t.text)
      .join(' ');
  index.addAll(documents.map((document, id) => ({ id, de: text(document, 'de'), en: text(document, 'en') })));
  return index;
}

function compare(name: string, dataset: Dataset, queries: readonly [string, Language][], print: (line: string) => void): void {
  const documents = dataset.articles.flatMap(searchDocuments);
  let ours: ReturnType<typeof createSearchIndex> | undefined;
  let theirs: MiniSearch<Row> | undefined;
  const oursBuild = timeBuild(() => (ours = createSearchIndex(documents)));
  const theirsBuild = timeBuild(() => (theirs = miniSearch(documents)));
  if (ours === undefined || theirs === undefined) throw new Error('no index built');
  const [own, mini] = [ours, theirs];
  const size = `${documents.length} records`;
  print(`search-libraries (${name}, ${size}): own index build ${oursBuild.wallMs.toFixed(0)} ms wall, ${oursBuild.cpuMs.toFixed(0)} ms CPU`);
  print(`search-libraries (${name}, ${size}): MiniSearch build ${theirsBuild.wallMs.toFixed(0)} ms wall, ${theirsBuild.cpuMs.toFixed(0)} ms CPU`);
  print(
    `search-libraries (${name}, ${queries.length} queries): own index ${formatLatency(timeCalls(queries, ([q, lang]) => own.search(q, lang, LIMIT)))}`,
  );
  // MiniSearch ranks every match; the top ten are what a reply needs.
  print(
    `search-libraries (${name}, ${queries.length} queries): MiniSearch ${formatLatency(timeCalls(queries, ([q]) => mini.search(q).slice(0, LIMIT)))}`,
  );
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const dataset = generateDataset();
const sentences = await seedSentences();
compare('generated', dataset, benchQueries(dataset).search, print);
compare('seed vocabulary', withSeedVocabulary(dataset, sentences), seedQueries(sentences), print);
