// Topic alerts at scale.
// (1) Matching: 1,000 new items against 100,000 subscriptions over 5,000 synthetic
//     topics and entities — per-item time of topic matching plus the subscription
//     lookup through the store's topic index (SQLite in memory).
// (2) Fan-out: deliveries through the outbox and the delivery worker to the local
//     Discord stand-in enforcing 50 requests/s globally and 5 per 5 s per channel:
//     achieved rate as a share of the limit, 429s received, resident memory.
//     10,000 deliveries take 200 s at 50/s, so the default is 2,000.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RESTEvents } from '@discordjs/rest';

import { createAlertsService } from '../src/alerts/alerts-service.js';
import { OUTBOX } from '../src/alerts/delivery.js';
import type { Publication } from '../src/alerts/publication.js';
import { createSubscriptionRepository, newSubscriptionId, type Subscription, type SubscriptionRepository } from '../src/alerts/subscriptions.js';
import { createDiscordLookups } from '../src/discord/discord-lookups.js';
import { createDeliveryRest, DELIVERY_TIMEOUT_MS, postMessageVia } from '../src/discord/post-message.js';
import { budgetedRequests } from '../src/discord/rest-budget.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import type { Country, Topic } from '../src/knowledge/schema.js';
import { topicMatcherFor } from '../src/knowledge/topic-matcher.js';
import { createLogger } from '../src/logging/logger.js';
import { openStore } from '../src/store/open-store.js';
import type { StandInReady, StandInReport } from './alerts-discord-process.js';
import { latencyOf } from './latency.js';

const TOPICS = 4_000;
const ENTITIES = 1_000;
const SUBSCRIPTIONS = 100_000;
const ITEMS = 1_000;
const GLOBAL_LIMIT = 50;
export const STAND_IN_TOKEN = 'bench-token';
export const DEFAULT_FANOUT_DELIVERIES = 10_000;

export interface BenchAlertsOptions {
  /** Deliveries in the fan-out part; 10,000 is the full run (about 200 s). */
  deliveries?: number;
}

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const SYLLABLES = ['ka', 'ro', 'vel', 'min', 'tu', 'sar', 'do', 'lek', 'ni', 'ast', 'bor', 'ze', 'qua', 'fi', 'gan', 'hol'];

/** A made-up word from three or four syllables; distinct per index. */
function word(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out += SYLLABLES[n % SYLLABLES.length]!;
    n = Math.floor(n / SYLLABLES.length);
  }
  return out.length < 6 ? `${out}ista` : out;
}

function syntheticKnowledgeBase(): KnowledgeBase {
  const text = (de: string, en: string) => ({ de, en });
  const topics: Topic[] = Array.from({ length: TOPICS }, (_, i) => ({
    id: `topic-${i}`,
    name: text(`Krise in ${word(i)}`, `${word(i)} crisis`),
    aliases: [
      { text: `Konflikt um ${word(i)}`, lang: 'de' as const },
      { text: word(i + 50_000), lang: 'other' as const },
    ],
    description: text('Synthetisch', 'Synthetic'),
  }));
  const entities: Country[] = Array.from({ length: ENTITIES }, (_, i) => ({
    id: `country-${i}`,
    kind: 'country' as const,
    name: text(`Republik ${word(i + 100_000)}`, `Republic of ${word(i + 100_000)}`),
    aliases: [
      { text: word(i + 100_000), lang: 'en' as const },
      { text: `Ре${word(i + 100_000)}`, lang: 'ru' as const },
    ],
    description: text('Synthetisch', 'Synthetic'),
    facts: [],
    corrections: [],
    background: [],
  }));
  return createKnowledgeBase({ articles: [], entities, topics });
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** ` (global 2, user 1)`, or nothing when no 429 came back. */
const byScope = (counts: Map<string, number>) => (counts.size === 0 ? '' : ` (${[...counts].map(([scope, n]) => `${scope} ${n}`).join(', ')})`);

async function benchMatching(print: (line: string) => void): Promise<void> {
  const kb = syntheticKnowledgeBase();
  const built = performance.now();
  const matcher = topicMatcherFor(kb);
  const buildMs = performance.now() - built;
  const store = await openStore('sqlite::memory:');
  const subscriptions = createSubscriptionRepository(store);
  const ids = [...kb.topics.map((t) => t.id), ...kb.entitiesOfKind('country').map((e) => e.id)];
  const loading = performance.now();
  const perGuild = 25;
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const guild = Math.floor(i / perGuild);
    const sub: Subscription = {
      id: newSubscriptionId(),
      guildId: String(200_000_000_000_000_000n + BigInt(guild)),
      channelId: String(300_000_000_000_000_000n + BigInt(guild * 4 + (i % 4))),
      // Spread so that every topic has SUBSCRIPTIONS / ids.length subscribers.
      topic: ids[(i * 7_919) % ids.length]!,
      language: i % 2 ? 'de' : 'en',
      createdBy: '1',
      createdAt: new Date(0).toISOString(),
    };
    const result = await subscriptions.add(sub);
    if (result.status !== 'added') throw new Error(`subscription ${i}: ${result.status}`);
  }
  const loadMs = performance.now() - loading;

  const random = prng(7);
  const pick = () => Math.floor(random() * ids.length);
  const items: Publication[] = Array.from({ length: ITEMS }, (_, i) => {
    const [a, b] = [kb.topics[pick() % TOPICS]!, kb.entitiesOfKind('country')[pick() % ENTITIES]!];
    const filler = Array.from({ length: 40 }, () => word(200_000 + Math.floor(random() * 5_000))).join(' ');
    return {
      id: `feed:bench:${i}`,
      title: `${a.name.de}: Gespräche mit ${b.name.de} gescheitert`,
      summary: `${filler} ${b.aliases[0]?.text ?? ''} ${filler}`,
      source: { kind: 'feed', feedUrl: 'https://bench.example/feed' },
      declaredTopics: [],
    };
  });
  const times: number[] = [];
  const matchTimes: number[] = [];
  let found = 0;
  for (const item of items) {
    const started = performance.now();
    const topics = matcher.topicsOf(item);
    matchTimes.push(performance.now() - started);
    found += (await subscriptions.forTopics(topics)).length;
    times.push(performance.now() - started);
  }
  const perItem = latencyOf(times);
  const matching = latencyOf(matchTimes);
  await store.close();
  print(
    `alerts matching: ${ITEMS} items, ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions over ${ids.length.toLocaleString('en-US')} topics ` +
      `(dictionary built in ${buildMs.toFixed(0)} ms, subscriptions stored in ${(loadMs / 1000).toFixed(1)} s) — ` +
      `match + lookup per item: p50 ${perItem.p50.toFixed(2)} ms, p99 ${perItem.p99.toFixed(2)} ms; ` +
      `of which matching alone p50 ${matching.p50.toFixed(3)} ms, p99 ${matching.p99.toFixed(3)} ms; ` +
      `${(found / ITEMS).toFixed(1)} subscriptions per item`,
  );
}

/** Starts the stand-in in its own process; resolves once it listens. */
export async function forkStandIn(guilds: number): Promise<{ child: ChildProcess; ready: StandInReady }> {
  const child = fork(fileURLToPath(new URL('./alerts-discord-process.js', import.meta.url)), [STAND_IN_TOKEN, String(guilds), String(GLOBAL_LIMIT)]);
  const ready = await new Promise<StandInReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as StandInReady));
    child.once('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
  });
  return { child, ready };
}

export function report(child: ChildProcess): Promise<StandInReport> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as StandInReport));
    child.send({ type: 'report' });
  });
}

async function benchFanOut(print: (line: string) => void, deliveries: number): Promise<void> {
  // 100 guilds with four channels each that take messages: at 50/s each channel gets one
  // alert every 8 s, well inside its bucket of 5 per 5 s.
  const { child, ready } = await forkStandIn(100);
  const dir = mkdtempSync(join(tmpdir(), 'lagebild-bench-alerts-'));
  const store = await openStore(`sqlite:${join(dir, 'state.sqlite')}`);
  const kb = createKnowledgeBase({ articles: [], entities: [], topics: [] });
  // Paced as the bot paces it: through the REST budget kept in the store.
  const rest = createDeliveryRest({
    api: ready.apiUrl,
    token: STAND_IN_TOKEN,
    makeRequest: budgetedRequests({ store, priority: 'background', timeoutMs: DELIVERY_TIMEOUT_MS }),
  });
  // 429s by the scope Discord names (global, user = the channel's bucket, shared), to tell their causes apart.
  const limitedByScope = new Map<string, number>();
  rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status !== 429) return;
    const scope = response.headers.get('x-ratelimit-scope') ?? 'unnamed';
    limitedByScope.set(scope, (limitedByScope.get(scope) ?? 0) + 1);
  });
  const service = createAlertsService({
    store,
    postMessage: postMessageVia(rest),
    lookups: createDiscordLookups(rest),
    kbProvider: () => kb,
    logger: createLogger({ level: 'warn' }),
    applicationId: ready.applicationId,
  });
  try {
    await subscribeEveryChannel(service.subscriptions, ready.channels);
    // Each publication fans out to every channel.
    const publications = Math.ceil(deliveries / ready.channels.length);
    let queued = 0;
    for (let p = 0; p < publications; p++) {
      const result = await service.publish({
        id: `feed:bench:${p}`,
        title: `Bench item ${p}`,
        summary: 'Synthetic alert for the fan-out benchmark.',
        link: `https://bench.example/${p}`,
        source: { kind: 'feed', feedUrl: 'https://bench.example/feed' },
        declaredTopics: ['bench'],
      });
      if (result.status === 'queued') queued += result.deliveries;
    }
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    service.startDelivery();
    while ((await store.pending(OUTBOX)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    await service.stop();
    const rssAfter = process.memoryUsage().rss;
    const seen = await report(child);
    const rate = seen.messages / seconds;
    print(
      `alerts fan-out: ${seen.messages.toLocaleString('en-US')} of ${queued.toLocaleString('en-US')} deliveries ` +
        `to ${ready.channels.length} channels ` +
        `in ${seconds.toFixed(1)} s — ${rate.toFixed(1)}/s = ${((rate / GLOBAL_LIMIT) * 100).toFixed(1)}% of ${GLOBAL_LIMIT}/s; ` +
        `${seen.posts.toLocaleString('en-US')} requests, 429s received: ${seen.limited}${byScope(limitedByScope)}; bot RSS ${mib(rssBefore)} before, ${mib(rssAfter)} after`,
    );
  } finally {
    await service.stop();
    await store.close();
    child.send({ type: 'close' });
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAlerts(print: (line: string) => void, options: BenchAlertsOptions = {}): Promise<void> {
  await benchMatching(print);
  await benchFanOut(print, options.deliveries ?? DEFAULT_FANOUT_DELIVERIES);
}

/** Subscribes every channel the stand-in made to the bench's topic. */
export async function subscribeEveryChannel(
  subscriptions: Pick<SubscriptionRepository, 'add'>,
  channels: readonly { guildId: string; id: string }[],
): Promise<void> {
  for (const channel of channels) {
    await subscriptions.add({
      id: newSubscriptionId(),
      guildId: channel.guildId,
      channelId: channel.id,
      topic: 'bench',
      language: 'en',
      createdBy: '1',
      createdAt: new Date().toISOString(),
    });
  }
}
