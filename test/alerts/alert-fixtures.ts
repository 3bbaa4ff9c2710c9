// Shared by the alert tests: the real knowledge base from data/, subscriptions,
// a logger whose lines the test can read, the Discord ports the composition root
// hands to alerts, and waiting for asynchronous outcomes.
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { newSubscriptionId, type Subscription } from '../../src/alerts/subscriptions.js';
import { createDiscordLookups, type GuildLookups } from '../../src/discord/discord-lookups.js';
import { createDeliveryRest, DELIVERY_TIMEOUT_MS, type PostMessage, postMessageVia } from '../../src/discord/post-message.js';
import { budgetedRequests, type RestBudgetOptions } from '../../src/discord/rest-budget.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { Dataset, KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadDataset } from '../../src/knowledge/load.js';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/** The bundled data/ folder; throws if it does not load cleanly. */
export async function loadDataFolder(): Promise<Dataset> {
  const result = await loadDataset(fileURLToPath(new URL('../../data', import.meta.url)));
  if (!result.ok) throw new Error(`data/ has problems: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.dataset;
}

export async function loadKb(): Promise<KnowledgeBase> {
  return createKnowledgeBase(await loadDataFolder());
}

export function subscription(fields: Partial<Subscription> & Pick<Subscription, 'guildId' | 'channelId' | 'topic'>): Subscription {
  return {
    id: newSubscriptionId(),
    language: 'en',
    createdBy: '100000000000000001',
    createdAt: new Date().toISOString(),
    ...fields,
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real project logger whose JSON lines land in `lines`. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

/** What alerts get from Discord, built as the composition root builds them: over one delivery REST client (with a budget, drawing from it). */
export function deliveryPorts(
  api: string,
  token: string,
  budget?: Pick<RestBudgetOptions, 'store' | 'perSecond'>,
): { postMessage: PostMessage; lookups: GuildLookups } {
  const makeRequest = budget && budgetedRequests({ ...budget, priority: 'background', timeoutMs: DELIVERY_TIMEOUT_MS });
  const rest = createDeliveryRest({ api, token, ...(makeRequest && { makeRequest }) });
  return { postMessage: postMessageVia(rest), lookups: createDiscordLookups(rest) };
}

/** Polls `check` until it returns true; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
