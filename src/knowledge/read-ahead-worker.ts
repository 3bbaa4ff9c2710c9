// The worker of read-ahead.ts: reads every file of the list it is sent, in
// batches, a few batches ahead of the validating thread at most, and sends each
// batch's texts at once; then, when asked, builds the search index of the
// article files it read. The texts it indexes are the ones it sent, so the index
// fits the articles that validate from them. Data that is not shaped like
// articles gets no index (validation reports it on the other thread).
import { parentPort } from 'node:worker_threads';

import { readFromList } from './file-reader.js';
import type { ReadAheadMessage, ReadAheadStart } from './read-ahead.js';
import type { Article } from './schema.js';
import { newestFirst, type PreparedSearch, searchDocuments } from './search-documents.js';
import { buildSearchTables, type IndexedDocument, tableBuffers } from './search-tables.js';

/** Files per message: few enough that the validating thread never waits long, enough to amortise a message. */
const BATCH_FILES = 64;
/**
 * How many files this thread reads ahead of the one validating at most. Texts that
 * wait for the validating thread outlive its young generation, and each collection
 * copies them; a few batches keep it busy without that.
 */
const MAX_AHEAD = 4 * BATCH_FILES;
/** The longest wait for the validating thread before looking again (it may have stopped asking). */
const WAIT_MS = 50;

const port = parentPort;
port?.once('message', ({ list, progress }: ReadAheadStart) => {
  const send = (message: ReadAheadMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const asked = new Int32Array(progress);
  // The articles' wordings, picked out as they are read (the rest of each parsed file
  // is garbage at once); undefined once a text is not shaped like an article.
  let articles: Indexed[] | undefined = [];
  for (let start = 0; start < list.files.length; start += BATCH_FILES) {
    for (let next = Atomics.load(asked, 0); start - next > MAX_AHEAD; next = Atomics.load(asked, 0)) Atomics.wait(asked, 0, next, WAIT_MS);
    const reads = [];
    for (let i = start; i < Math.min(list.files.length, start + BATCH_FILES); i++) {
      const read = readFromList(list, i);
      reads.push(read);
      if (articles && read.ok && list.files[i]!.startsWith('articles/')) articles = withWordings(articles, read.text);
    }
    send({ type: 'files', start, reads });
  }
  // Indexing waits until it is asked for, after validation: meanwhile the other
  // core is the validating thread's garbage collector's, which indexing would slow.
  port.once('message', () => {
    const search = articles && prepareSearch(articles);
    send({ type: 'search', search }, search ? tableBuffers(search.tables) : []);
  });
});

/** What the index needs of one article: its order and its documents' wordings. */
interface Indexed {
  id: string;
  date: string;
  documents: IndexedDocument[];
}

/** `articles` with the order and wordings of the article in `text`; undefined when it is not shaped like one. */
function withWordings(articles: Indexed[], text: string): Indexed[] | undefined {
  try {
    const article = JSON.parse(text) as Article;
    if (typeof article.id !== 'string' || typeof article.date !== 'string') return undefined;
    const documents = searchDocuments(article).map(({ kind, texts: wordings }) => {
      for (const { text: wording } of wordings) if (typeof wording !== 'string') throw new Error('not an article');
      return { kind, texts: wordings };
    });
    articles.push({ id: article.id, date: article.date, documents });
    return articles;
  } catch {
    return undefined;
  }
}

function prepareSearch(articles: Indexed[]): PreparedSearch {
  articles.sort(newestFirst);
  return { articleIds: articles.map((article) => article.id), tables: buildSearchTables(articles.flatMap((article) => article.documents)) };
}
