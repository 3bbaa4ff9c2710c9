// News figures: 100,000 news items about 2,000 entities (the 800 countries of the synthetic
// 10,000-article knowledge base and 1,200 other entities) in an SQLite store; start-up to
// ready-to-answer (load the knowledge base from disk, build it, read every news item into
// the news index); first-render latency of /news and /country in each started process
// (each entity asked once, so no page cache helps); resident memory; ingest throughput
// (feed items through matching into the store, items/s) on SQLite and on the Redis server
// at 127.0.0.1:6379; and how long matching every stored item again takes after the data changed.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { itemIdentity } from '../src/feeds/item-identity.js';
import type { FeedItem } from '../src/feeds/parse-feed.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadKnowledgeBase } from '../src/knowledge/load-knowledge-base.js';
import type { NewsItem } from '../src/knowledge/news-index.js';
import { storeNews } from '../src/news/news-ingest.js';
import { createNewsRematch } from '../src/news/news-rematch.js';
import { createNewsSync } from '../src/news/news-sync.js';
import { openStore } from '../src/store/open-store.js';
import type { NewsWrite, Store } from '../src/store/store.js';
import { generateDataset, prng, writeDataset } from './generate-dataset.js';
import { formatLatency, formatStalls, type Latency, machineStalls, medianBy } from './latency.js';
import type { RenderPlan, StartupFigures } from './news-startup-child.js';

const ITEMS = 100_000;
const ENTITIES = 2_000;
const FEEDS = 100;
const INGESTED = 10_000;
const DAY = 24 * 60 * 60_000;
const STARTUP_RUNS = 3;
const quiet = { warn: () => undefined, info: () => undefined };

/** Fills the store with ITEMS news items, each about one to three of `about`, spread over the last 150 days. */
async function fill(store: Store, about: readonly string[]): Promise<void> {
  const random = prng(7);
  const now = Date.now();
  let batch: NewsWrite[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const at = now - Math.floor(random() * 150 * DAY);
    const entities = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => about[Math.floor(random() * about.length)]!))];
    const feed = `feed${i % FEEDS}`;
    const item: NewsItem = {
      id: `${feed}:guid:${i}`,
      title: `Headline ${i}: talks on security and trade continue`,
      summary: 'A short summary of the news item, as feeds give it, two sentences long. Nothing more.',
      link: `https://news${i % FEEDS}.example.org/article/${i}`,
      published: new Date(at).toISOString(),
      source: { title: `Feed ${i % FEEDS}`, host: `news${i % FEEDS}.example.org` },
      language: 'en',
      entities,
      topics: [],
    };
    batch.push({ id: item.id, feed, at, dated: true, item: JSON.stringify(item) });
    if (batch.length === 500) {
      await store.putNews(batch, { retainAfter: 0, maxPerFeed: ITEMS });
      batch = [];
    }
  }
  if (batch.length > 0) await store.putNews(batch, { retainAfter: 0, maxPerFeed: ITEMS });
}

/** Feed items naming entities of the knowledge base, as a feed would list them. */
function feedItems(kb: KnowledgeBase, names: readonly string[], count: number): FeedItem[] {
  return Array.from({ length: count }, (_, i) => {
    const title = `${names[i % names.length]!} and ${names[(i * 7) % names.length]!} sign agreement ${i}`;
    const summary = 'The talks went on for two days; details were not published.';
    const published = new Date(Date.now() - (i % 100) * 60_000).toISOString();
    const { id, keys, version } = itemIdentity({ guid: `bench-${i}`, title, summary, date: published });
    return { id, keys, version, title, summary, published, link: `https://wire.example/${i}` };
  });
}

async function ingestRate(store: Store, kb: KnowledgeBase, items: readonly FeedItem[]): Promise<number> {
  const started = performance.now();
  const feed = { url: 'https://wire.example/feed.xml', title: 'Wire', language: 'en' };
  for (let start = 0; start < items.length; start += 1000) {
    await storeNews(store, kb, feed, items.slice(start, start + 1000), { retentionMs: 180 * DAY, maxPerFeed: INGESTED });
  }
  return items.length / ((performance.now() - started) / 1000);
}

export async function benchNews(print: (line: string) => void): Promise<void> {
  const dataset = generateDataset();
  const dir = await mkdtemp(join(tmpdir(), 'lagebild-bench-news-'));
  try {
    await writeDataset(dataset, join(dir, 'data'));
    const countries = dataset.entities.filter((entity) => entity.kind === 'country');
    const others = dataset.entities.filter((entity) => entity.kind !== 'country').slice(0, ENTITIES - countries.length);
    const about = [...countries, ...others].map((entity) => entity.id);
    const path = join(dir, 'store.sqlite');
    const filling = await openStore(`sqlite:${path}`);
    const filled = performance.now();
    await fill(filling, about);
    print(
      `news: ${ITEMS.toLocaleString('en')} items about ${about.length.toLocaleString('en')} entities written in ${((performance.now() - filled) / 1000).toFixed(1)} s`,
    );
    await filling.close();

    // Start-up as the bot does it, in a process of its own (see news-startup-child.ts),
    // STARTUP_RUNS times: the median, and the range (a shared machine's speed drifts).
    // Each started process then answers /news and /country for entities asked once each.
    const measured = countries.slice(50).map((e) => e.id);
    const plan: RenderPlan = {
      warmNews: others.slice(0, 50).map((e) => e.id),
      warmCountries: countries.slice(0, 50).map((e) => e.id),
      measured,
    };
    const planFile = join(dir, 'render-plan.json');
    await writeFile(planFile, JSON.stringify(plan));
    const child = fileURLToPath(new URL('./news-startup-child.js', import.meta.url));
    const runs: StartupFigures[] = [];
    for (let run = 0; run < STARTUP_RUNS; run++) {
      const { stdout } = await promisify(execFile)(process.execPath, [child, join(dir, 'data'), `sqlite:${path}`, planFile], { maxBuffer: 1 << 20 });
      runs.push(JSON.parse(stdout) as StartupFigures);
    }
    const startup = medianBy(runs, (r) => r.readyMs);
    const seconds = (ms: number) => (ms / 1000).toFixed(2);
    print(
      `news: start-up to ready (10,000-article knowledge base + ${startup.items.toLocaleString('en')} news items): ${seconds(startup.readyMs)} s, ` +
        `the median of ${STARTUP_RUNS} (runs ${seconds(Math.min(...runs.map((r) => r.readyMs)))}–${seconds(Math.max(...runs.map((r) => r.readyMs)))} s); ` +
        `in that run knowledge base ${seconds(startup.knowledgeMs)} s, news index ${seconds(startup.readyMs - startup.knowledgeMs)} s`,
    );
    print(`news: resident memory when ready ${startup.rssMb.toFixed(0)} MB`);
    const renders = (label: string, of: (r: NonNullable<StartupFigures['renders']>) => Latency) => {
      const latencies = runs.map((r) => of(r.renders!));
      const p99s = latencies.map((l) => `${(l.p99 * 1000).toFixed(0)} µs`).join(', ');
      print(
        `news: ${label}: ${formatLatency(medianBy(latencies, (l) => l.p99))}, the run with the median p99 (p99 of the ${STARTUP_RUNS} runs: ${p99s})`,
      );
    };
    renders(`/news topic first render (${measured.length} countries)`, (r) => r.newsTopic);
    renders(`/country first render with latest news (${measured.length} countries)`, (r) => r.country);
    renders('/news without topic (200 times)', (r) => r.newsAll);
    print(`news: this machine's own stalls, measured now (${formatStalls(machineStalls())})`);

    // The figures below, in this process.
    const loaded = await loadKnowledgeBase(join(dir, 'data'));
    if (!loaded.ok) throw new Error('generated data has problems');
    const { kb } = loaded;
    const store = await openStore(`sqlite:${path}`);

    // After a data change: every stored item matched again. The filler's items name
    // entities their text does not, so every one changes: the most writing there can be.
    const rematch = createNewsRematch({
      store,
      news: createNewsSync(store, quiet),
      log: quiet,
      holder: 'bench',
      current: () => kb,
    });
    const rematchStarted = performance.now();
    const rematched = await rematch.run(kb);
    print(
      `news: matching the stored items again after a data change (SQLite): ${((performance.now() - rematchStarted) / 1000).toFixed(1)} s for ${rematched?.checked.toLocaleString('en') ?? 0} items, ${rematched?.changed.toLocaleString('en') ?? 0} written back`,
    );

    const names = countries.map((e) => e.name.en);
    const items = feedItems(kb, names, INGESTED);
    const sqliteRate = await ingestRate(store, kb, items);
    await store.close();
    print(`news: ingest into SQLite: ${sqliteRate.toFixed(0)} items/s (${INGESTED.toLocaleString('en')} feed items, matched and written)`);
    try {
      const redis = await openStore('redis://127.0.0.1:6379', { keyPrefix: `lagebild-bench-news-${process.pid}` });
      try {
        const redisRate = await ingestRate(redis, kb, items);
        print(`news: ingest into Redis: ${redisRate.toFixed(0)} items/s (${INGESTED.toLocaleString('en')} feed items, matched and written)`);
      } finally {
        await clearPrefix(`lagebild-bench-news-${process.pid}`);
        await redis.close();
      }
    } catch (error) {
      print(`news: ingest into Redis: skipped (${error instanceof Error ? error.message : String(error)})`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function clearPrefix(prefix: string): Promise<void> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url: 'redis://127.0.0.1:6379' });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length > 0) await client.unlink(keys);
  await client.close();
}
