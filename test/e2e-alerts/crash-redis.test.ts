// Crash safety of alert delivery with the Redis store (see crash-safety.ts). The
// bot's store setting has no key prefix option (it always uses "lagebild"), so the
// test takes a database number of its own and deletes that prefix's keys in it
// before and after.
import { createClient } from '@keyv/redis';
import { it } from 'vitest';

import { describeBackend, redisBackend } from '../store/store-fixtures.js';
import { runCrashScenario } from './crash-safety.js';

const REDIS_URL = 'redis://127.0.0.1:6379/13';

async function deleteBotKeys(): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: 'lagebild:*', COUNT: 1000 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

// Without a Redis server the suite is skipped and named on stderr, like the store tests.
describeBackend(redisBackend, 'alert fan-out survives SIGKILL', () => {
  it('delivers every alert exactly once across three kills and restarts', async () => {
    await runCrashScenario('redis', { storeUrl: () => REDIS_URL, clean: deleteBotKeys });
  }, 150_000);
});
