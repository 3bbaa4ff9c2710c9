// Child process of bench/news.ts: starts up as the bot does (src/app/build-context.ts),
// in a fresh process so that nothing of the benchmark's own heap slows it: the data
// folder loads while a worker reads the store's news (news-preload.ts), then the news
// index takes that read over and reads on. Prints one JSON line: milliseconds and
// resident memory. Given a file of entity ids, it then times first renders of /news and
// /country as this started process answers them: a process holding what a bot holds, not
// the generator's data and the filler's garbage.
import { readFile } from 'node:fs/promises';

import { createCommands } from '../commands/index.js';
import { toMessage } from '../src/interactions/reply.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadKnowledgeBase } from '../src/knowledge/load-knowledge-base.js';
import type { NewsIndex } from '../src/knowledge/news-index.js';
import { preloadNews } from '../src/news/news-preload.js';
import { createNewsSync } from '../src/news/news-sync.js';
import { openStore } from '../src/store/open-store.js';
import { parseStoreUrl } from '../src/store/store-url.js';
import { type Latency, latencyOf } from './latency.js';

/** What to render: warm-up ids (other entities than the measured ones) and the measured countries. */
export interface RenderPlan {
  warmNews: string[];
  warmCountries: string[];
  measured: string[];
}

export interface StartupFigures {
  readyMs: number;
  knowledgeMs: number;
  items: number;
  rssMb: number;
  articles: number;
  renders?: { newsTopic: Latency; country: Latency; newsAll: Latency };
}

const [dataDir, storeUrl, planFile] = process.argv.slice(2);
if (!dataDir || !storeUrl) throw new Error('usage: news-startup-child <data dir> <store URL> [render plan file]');
const quiet = { warn: () => undefined, info: () => undefined };

const started = performance.now();
const store = await openStore(storeUrl);
const preload = preloadNews({ target: parseStoreUrl(storeUrl) });
const loaded = await loadKnowledgeBase(dataDir);
if (!loaded.ok) throw new Error('generated data has problems');
const kbReady = performance.now();
const sync = createNewsSync(store, quiet);
const preloaded = await preload?.result;
if (!preloaded?.ok) throw new Error(`news were not read ahead: ${preloaded?.error ?? 'no worker'}`);
sync.adopt(preloaded.news);
const news = await sync.refresh();
const ready = performance.now();
const figures: StartupFigures = {
  readyMs: ready - started,
  knowledgeMs: kbReady - started,
  items: news.size,
  rssMb: process.memoryUsage().rss / 2 ** 20,
  articles: loaded.kb.articles.length,
};
if (planFile !== undefined) figures.renders = await timeRenders(loaded.kb, news, JSON.parse(await readFile(planFile, 'utf8')) as RenderPlan);
process.stdout.write(`${JSON.stringify(figures)}\n`);
await store.close();

async function timeRenders(kb: KnowledgeBase, news: NewsIndex, plan: RenderPlan): Promise<NonNullable<StartupFigures['renders']>> {
  const commands = createCommands();
  const render = async (name: string, option: string, value: string) =>
    toMessage(await commands.find((c) => c.definition.name === name)!.execute({ kb, news, language: 'en' }, { values: { [option]: value } }));
  // Warm-up on other entities than the ones measured: every measured reply is a first render.
  for (const id of plan.warmNews) await render('news', 'topic', id);
  for (const id of plan.warmCountries) await render('country', 'name', id);
  const time = async (name: string, option: string, values: readonly string[]) => {
    const samples: number[] = [];
    for (const value of values) {
      const t0 = performance.now();
      await render(name, option, value);
      samples.push(performance.now() - t0);
    }
    return latencyOf(samples);
  };
  return {
    newsTopic: await time('news', 'topic', plan.measured),
    country: await time('country', 'name', plan.measured),
    newsAll: await time(
      'news',
      'topic',
      Array.from({ length: 200 }, () => ''),
    ),
  };
}
