// One bot process of the fan-out-scale benchmark: the delivery worker over a Redis
// store and a REST client that draws from the budget kept there, as the bot builds
// them. Started only through fork(); arguments: Redis URL, key prefix, API URL, token,
// application id. Sends `ready` once it delivers, and stops on `stop`.
import { createAlertsService } from '../src/alerts/alerts-service.js';
import { createDiscordLookups } from '../src/discord/discord-lookups.js';
import { createDeliveryRest, DELIVERY_TIMEOUT_MS, postMessageVia } from '../src/discord/post-message.js';
import { budgetedRequests } from '../src/discord/rest-budget.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import { createLogger } from '../src/logging/logger.js';
import { openStore } from '../src/store/open-store.js';

export interface ChildReady {
  kind: 'ready';
}

const [redisUrl = '', keyPrefix = '', api = '', token = '', applicationId = ''] = process.argv.slice(2);
const store = await openStore(redisUrl, { keyPrefix });
const rest = createDeliveryRest({ api, token, makeRequest: budgetedRequests({ store, priority: 'background', timeoutMs: DELIVERY_TIMEOUT_MS }) });
const kb = createKnowledgeBase({ articles: [], entities: [], topics: [] });
const service = createAlertsService({
  store,
  postMessage: postMessageVia(rest),
  lookups: createDiscordLookups(rest),
  kbProvider: () => kb,
  logger: createLogger({ level: 'warn' }),
  applicationId,
  // Look for work often: the deliveries were queued by another process, which cannot wake this one.
  delivery: { pollIntervalMs: 100 },
});
service.startDelivery();
process.send?.({ kind: 'ready' } satisfies ChildReady);
process.on('message', (message: { kind?: string }) => {
  if (message.kind !== 'stop') return;
  void service
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
