// The worker of read-ahead.ts: reads every file of the list it is sent, in
// batches, and sends each batch's texts at once; then, when asked, builds the
// search index of the article files it read. The texts it indexes are the ones it sent, so
// the index fits the articles that validate from them. Data that is not shaped
// like articles gets no index (validation reports it on the other thread).
import { parentPort } from 'node:worker_threads';

import { type FileList, readFromList } from './file-reader.js';
import type { ReadAheadMessage } from './read-ahead.js';
import type { Article } from './schema.js';
import { newestFirst, type PreparedSearch, searchDocuments } from './search-documents.js';
import { buildSearchTables, type IndexedDocument, tableBuffers } from './search-tables.js';

/** Files per message: few enough that the validating thread never waits long, enough to amortise a message. */
const BATCH_FILES = 64;

const port = parentPort;
port?.once('message', (list: FileList) => {
  const send = (message: ReadAheadMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const articleTexts: string[] = [];
  for (let start = 0; start < list.files.length; start += BATCH_FILES) {
    const reads = [];
    for (let i = start; i < Math.min(list.files.length, start + BATCH_FILES); i++) {
      const read = readFromList(list, i);
      if (read.ok && list.files[i]!.startsWith('articles/')) articleTexts.push(read.text);
      reads.push(read);
    }
    send({ type: 'files', start, reads });
  }
  // The articles' wordings are picked out now (the rest of each parsed file is garbage at
  // once); indexing them waits until it is asked for, after validation: meanwhile the
  // other core is the validating thread's garbage collector's, which indexing would slow.
  const articles = wordingsOf(articleTexts);
  articleTexts.length = 0;
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

/** Each article's order and wordings; undefined for data not shaped like articles. */
function wordingsOf(texts: readonly string[]): Indexed[] | undefined {
  try {
    return texts.map((text) => {
      const article = JSON.parse(text) as Article;
      if (typeof article.id !== 'string' || typeof article.date !== 'string') throw new Error('not an article');
      const documents = searchDocuments(article).map(({ kind, texts: wordings }) => {
        for (const { text: wording } of wordings) if (typeof wording !== 'string') throw new Error('not an article');
        return { kind, texts: wordings };
      });
      return { id: article.id, date: article.date, documents };
    });
  } catch {
    return undefined;
  }
}

function prepareSearch(articles: Indexed[]): PreparedSearch {
  articles.sort(newestFirst);
  return { articleIds: articles.map((article) => article.id), tables: buildSearchTables(articles.flatMap((article) => article.documents)) };
}
