// Scaling out the alert fan-out: 1, 2 and 4 bot processes on one Redis store send the
// same deliveries to the Discord stand-in (its own process, enforcing 50 requests in
// any one second and 5 per 5 s per channel). What holds them to Discord's one budget is
// the store's sliding window (src/discord/rest-budget.ts), so the combined rate should
// stay just under 50/s however many processes send: steady-state rate as a share of
// 50/s, the busiest second the stand-in saw, and its 429s.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { createClient } from '@keyv/redis';

import { OUTBOX } from '../src/alerts/delivery.js';
import { createPublisher } from '../src/alerts/publisher.js';
import { createSubscriptionRepository } from '../src/alerts/subscriptions.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import { openStore } from '../src/store/open-store.js';
import { forkStandIn, report, STAND_IN_TOKEN, subscribeEveryChannel } from './alerts.js';
import { hasKind, nextMessage } from './child-ipc.js';
import type { ChildReady } from './fanout-scale-child.js';
import { table } from './table.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const DELIVERIES = 1_500;
const PROCESSES = [1, 2, 4];
const DISCORD_PER_SECOND = 50;

async function deleteKeys(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) if (keys.length > 0) await client.del(keys);
  await client.close();
}

async function run(processes: number): Promise<string[]> {
  const { child: standIn, ready } = await forkStandIn(100);
  const keyPrefix = `lagebild-bench-fanout-${process.pid}-${processes}`;
  const store = await openStore(REDIS_URL, { keyPrefix });
  const children = [];
  try {
    const subscriptions = createSubscriptionRepository(store);
    await subscribeEveryChannel(subscriptions, ready.channels);
    const kb = createKnowledgeBase({ articles: [], entities: [], topics: [] });
    const publisher = createPublisher({ store, subscriptions, kbProvider: () => kb, onQueued: () => undefined });
    for (let p = 0; p < Math.ceil(DELIVERIES / ready.channels.length); p++) {
      await publisher.publish({
        id: `feed:bench-scale:${p}`,
        title: `Bench item ${p}`,
        summary: 'Synthetic alert for the fan-out-scale benchmark.',
        link: `https://bench.example/${p}`,
        source: { kind: 'feed', feedUrl: 'https://bench.example/feed' },
        declaredTopics: ['bench'],
      });
    }
    const queued = await store.pending(OUTBOX);
    const script = fileURLToPath(new URL('./fanout-scale-child.js', import.meta.url));
    for (let n = 0; n < processes; n++) {
      const child = fork(script, [REDIS_URL, keyPrefix, ready.apiUrl, STAND_IN_TOKEN, ready.applicationId]);
      children.push(child);
      await nextMessage(child, hasKind<ChildReady>('ready'));
    }
    while ((await store.pending(OUTBOX)) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const seen = await report(standIn);
    return [
      String(processes),
      `${seen.messages.toLocaleString('en-US')} / ${queued.toLocaleString('en-US')}`,
      `${seen.steadyRate.toFixed(1)}/s`,
      `${((seen.steadyRate / DISCORD_PER_SECOND) * 100).toFixed(1)}%`,
      String(seen.busiestSecond),
      String(seen.limited),
      String(seen.invalid),
    ];
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.send({ kind: 'stop' });
          }),
      ),
    );
    await store.close();
    await deleteKeys(keyPrefix);
    standIn.send({ type: 'close' });
  }
}

export async function benchFanOutScale(print: (line: string) => void): Promise<void> {
  const rows: string[][] = [];
  for (const processes of PROCESSES) rows.push(await run(processes));
  print(
    `fan-out on one Redis, ${DELIVERIES.toLocaleString('en-US')} deliveries per run, Discord stand-in allowing ${DISCORD_PER_SECOND} in any one second:`,
  );
  for (const line of table(['processes', 'alerts posted', 'steady rate', 'of 50/s', 'busiest second', '429s', 'invalid requests'], rows, 1))
    print(line);
}
