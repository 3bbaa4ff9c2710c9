// The health check's write (operations/heartbeat.ts) on both backends, and on
// SQLite the check that the open file is still the one at the configured path.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

import { expect, it } from 'vitest';

import { openStore } from '../../src/store/open-store.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { describeBackend, describeEachBackend, sqliteBackend, uniqueSqlitePath } from './store-fixtures.js';

describeEachBackend('heartbeat', (backend) => {
  it('writes, again and again, and is seen by no namespace', async () => {
    const store = await backend.freshLocation().open();
    await store.heartbeat();
    await store.heartbeat();
    expect(await store.namespace('health').has('heartbeat')).toBe(false);
  });
});

describeBackend(sqliteBackend, 'heartbeat: the database file under the open handle', () => {
  it('rejects with StoreUnavailableError once the file is deleted, though SQLite would still write', async () => {
    const path = uniqueSqlitePath();
    const store = await openStore(`sqlite:${path}`);
    try {
      await store.heartbeat();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      await store.namespace('settings').set('still', 'writes');
      await expect(store.heartbeat()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('rejects once another file took its place', async () => {
    const path = uniqueSqlitePath();
    const store = await openStore(`sqlite:${path}`);
    try {
      renameSync(path, `${path}.old`);
      writeFileSync(path, '');
      await expect(store.heartbeat()).rejects.toThrow(/deleted or replaced/);
    } finally {
      await store.close();
    }
  });
});
