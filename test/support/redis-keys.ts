// The shared test Redis as end-to-end tests see it from outside the bot: whether it
// answers (the test is skipped if not), and removing the keys a test wrote.
import { createClient } from '@keyv/redis';

/** Whether a Redis server answers at `url` within a second. */
export async function redisReachable(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

/** Every key at `url` matching `pattern`, sorted. */
export async function keysOf(url: string, pattern = '*'): Promise<string[]> {
  const client = createClient({ url });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 })) keys.push(...batch);
    return keys.sort();
  } finally {
    await client.close();
  }
}

/** Deletes every key at `url` matching `pattern`. */
export async function deleteKeys(url: string, pattern: string): Promise<void> {
  const keys = await keysOf(url, pattern);
  if (keys.length === 0) return;
  const client = createClient({ url });
  await client.connect();
  try {
    await client.del(keys);
  } finally {
    await client.close();
  }
}
