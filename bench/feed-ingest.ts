// A big feed while interactions arrive (issue 9): the real bot in HTTP mode polls a
// ~30,000-item feed of short items (under the 5 MiB cap) from a local server, parses
// it and records every item in its SQLite store, while signed /summary interactions
// arrive every 20 ms. Quoted: the answers' p50/p99/max during the ingest, and the bot's
// longest event-loop block then (perf_hooks.monitorEventLoopDelay, loaded into the bot
// with --import). Also the parse step alone on one thread, which the bot now runs on a
// worker thread.
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateInteractionKeys, signedInteractionRequest, startLocalDiscord } from '../local-discord/index.js';
import { botEnv, BotProcess, tempWorkDir } from '../scripts/bot-process.js';
import { createStoreFeedStateStore } from '../src/alerts/feed-publications.js';
import { chatInputInteraction } from '../src/discord/interaction-payloads.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import { openStore } from '../src/store/open-store.js';
import type { LoopWindow } from './feed-ingest/loop-monitor.js';
import { latencyOf } from './latency.js';

const ITEMS = 30_000;
const REQUEST_EVERY_MS = 20;
const TOKEN = 'MTE5ODc2NTQzMjEwOTg3NjU0.bench.token-for-the-local-stand-in';
const MONITOR = fileURLToPath(new URL('./feed-ingest/loop-monitor.js', import.meta.url));

function feed(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      `<item><title>Item ${i}</title><link>https://big.example.org/${i}</link><guid>big-${i}</guid><description>S ${i}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><link>https://big.example.org/</link><description>Many</description>${items.join('')}</channel></rss>`;
}

function post(port: number, signed: { body: string; headers: Record<string, string> }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/interactions', headers: signed.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(signed.body);
  });
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function benchFeedIngest(print: (line: string) => void): Promise<void> {
  const body = feed(ITEMS);
  const bytes = Buffer.byteLength(body);
  let started = performance.now();
  parseFeed(body);
  print(
    `feed: ${ITEMS} items, ${(bytes / 1024 / 1024).toFixed(2)} MiB; parsing it on one thread takes ${ms(performance.now() - started)} (the bot parses on a worker thread)`,
  );

  const work = tempWorkDir('bench-feed-ingest');
  const discord = await startLocalDiscord({ token: TOKEN });
  const keys = generateInteractionKeys();
  let release: () => void = () => undefined;
  const gate = new Promise<void>((open) => (release = open));
  let requested: () => void = () => undefined;
  const feedRequested = new Promise<void>((resolve) => (requested = resolve));
  const server = createServer((_req, res) => {
    requested();
    void gate.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.rss`;
  const loopFile = join(work.path, 'loop.json');
  const bot = BotProcess.start(
    {
      ...botEnv(discord, work.path, {
        LAGEBILD_MODE: 'http',
        DISCORD_PUBLIC_KEY: keys.publicKeyHex,
        LAGEBILD_HTTP_PORT: '0',
        LAGEBILD_HTTP_HOST: '127.0.0.1',
        LAGEBILD_FEEDS: feedUrl,
      }),
      NODE_OPTIONS: `--import=${MONITOR}`,
      BENCH_LOOP_DELAY_FILE: loopFile,
    },
    work.path,
  );
  const store = await openStore({ kind: 'sqlite', path: join(work.path, 'lagebild.sqlite') });
  try {
    const port = Number((await bot.waitForLog('interactions endpoint listening on POST /interactions')).port);
    await feedRequested;
    const summary = () => signedInteractionRequest(chatInputInteraction(discord.guildPlace(), { name: 'summary' }), keys.privateKey);
    for (let i = 0; i < 20; i++) await post(port, summary());

    const feedState = createStoreFeedStateStore(store);
    /** /summary every REQUEST_EVERY_MS until `done` says stop; the answers' latencies. */
    const load = async (done: () => Promise<boolean>) => {
      const latencies: number[] = [];
      const inFlight: Promise<void>[] = [];
      let failed = 0;
      while (!(await done())) {
        const sentAt = performance.now();
        inFlight.push(
          post(port, summary()).then(
            (status) => {
              latencies.push(performance.now() - sentAt);
              if (status !== 200) failed++;
            },
            () => {
              failed++;
            },
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, REQUEST_EVERY_MS));
      }
      await Promise.all(inFlight);
      return { latencies, failed };
    };

    // The same load without a feed first: on a shared machine, what the scheduler alone costs.
    const quietFrom = Date.now();
    const quiet = await load(() => Promise.resolve(Date.now() - quietFrom > 3000));
    const quietTo = Date.now();

    const from = Date.now();
    started = performance.now();
    release();
    let ingestMs: number | undefined;
    const busy = await load(async () => {
      if ((await feedState.getFeedState(feedUrl))?.primed === true) ingestMs ??= performance.now() - started;
      return ingestMs !== undefined || performance.now() - started > 120_000;
    });
    const to = Date.now();
    await bot.stop();
    const windows = JSON.parse(readFileSync(loopFile, 'utf8')) as LoopWindow[];
    const maxBlock = (start: number, end: number) => Math.max(0, ...windows.filter((w) => w.at >= start && w.at <= end + 100).map((w) => w.maxMs));
    const describe = ({ latencies, failed }: { latencies: number[]; failed: number }) => {
      const latency = latencyOf([...latencies]);
      return `${latencies.length} requests, p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(Math.max(...latencies))}, failed ${failed}`;
    };
    print(`ingest (fetch, parse, record ${ITEMS} items): ${ingestMs === undefined ? 'did not finish in 120 s' : ms(ingestMs)}`);
    print(`/summary every ${REQUEST_EVERY_MS} ms during the ingest: ${describe(busy)}`);
    print(`  the same for 3 s before it, no feed:  ${describe(quiet)}`);
    print(`bot's longest event-loop block during the ingest: ${ms(maxBlock(from, to))}; in the 3 s before it: ${ms(maxBlock(quietFrom, quietTo))}`);
    print(`  (monitorEventLoopDelay in the bot, 50 ms windows; a shared machine's scheduler delays count too)`);
    const long = windows.filter((w) => w.at >= from && w.at <= to + 100 && w.maxMs > 50).map((w) => `+${w.at - from} ms: ${ms(w.maxMs)}`);
    print(`  blocks over 50 ms (time after the feed was sent): ${long.length === 0 ? 'none' : long.join(', ')}`);
  } finally {
    bot.kill();
    await store.close();
    await new Promise((resolve) => server.close(resolve));
    await discord.close();
    work.remove();
  }
}
