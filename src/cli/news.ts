// The news items of the bot's store (LAGEBILD_STORE, default the SQLite file), for `ask`
// and `complete`: they answer what the running bot would. Without a store to read (no
// SQLite file yet, Redis unreachable, settings with problems) they answer without news
// and say so on stderr, so that curated answers still work anywhere.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { loadStoreSettings, storeOpening, type StoreSettings } from '../config/config.js';
import { EMPTY_NEWS, type NewsIndex } from '../knowledge/news-index.js';
import { createNewsSync } from '../news/news-sync.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { fromEnvironment, type Io } from './io.js';

/** Opens the configured store as the bot does (key prefix, operation timeout). */
export function openSettingsStore(settings: StoreSettings): Promise<Store> {
  const { target, ...options } = storeOpening(settings);
  return openStore(target, options);
}

export async function loadNews(io: Io): Promise<NewsIndex> {
  const settings = fromEnvironment(loadStoreSettings, io, (message) => `lagebild: answering without news: ${message}`);
  if (settings === undefined) return EMPTY_NEWS;
  // Asking must not create the bot's database where there is none.
  if (settings.store.kind === 'sqlite' && settings.store.path !== ':memory:' && !existsSync(settings.store.path)) {
    io.err(
      `lagebild: answering without news: there is no store at ${resolve(settings.store.path)} (LAGEBILD_STORE; the bot makes it when it first starts)\n`,
    );
    return EMPTY_NEWS;
  }
  let store: Store;
  try {
    store = await openSettingsStore(settings);
  } catch (error) {
    io.err(`lagebild: answering without news: the store could not be opened (${error instanceof Error ? error.message : String(error)})\n`);
    return EMPTY_NEWS;
  }
  try {
    return await createNewsSync(store, {
      warn: (fields, message) => io.err(`lagebild: ${message} ${JSON.stringify(fields)}\n`),
      info: () => undefined,
    }).refresh();
  } finally {
    await store.close();
  }
}
