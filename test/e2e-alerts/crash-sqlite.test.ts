// Crash safety of alert delivery with the default store, SQLite (see crash-safety.ts).
import { join } from 'node:path';

import { describe, it } from 'vitest';

import { runCrashScenario } from './crash-safety.js';

describe('alert fan-out survives SIGKILL (SQLite store)', () => {
  it('delivers every alert exactly once across three kills and restarts', async () => {
    await runCrashScenario('sqlite', { storeUrl: (workDir) => `sqlite:${join(workDir, 'lagebild.sqlite')}` });
  }, 150_000);
});
