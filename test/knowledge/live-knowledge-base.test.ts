import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { createLiveKnowledgeBase } from '../../src/knowledge/live-knowledge-base.js';
import type { DataProblem } from '../../src/knowledge/load.js';

const fixture = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lagebild-live-'));
  await cp(fixture, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const topicsFile = () => join(dir, 'topics.json');
/** Writes the fixture's topics with the first one renamed. */
async function renameTopic(name: string): Promise<void> {
  const topics = JSON.parse(await readFile(join(fixture, 'topics.json'), 'utf8')) as { name: { en: string } }[];
  topics[0]!.name.en = name;
  await writeFile(topicsFile(), JSON.stringify(topics));
}

describe('live knowledge base', () => {
  it('keeps serving the last good data while a file is broken, and takes the fix', async () => {
    const problems: DataProblem[][] = [];
    const reloaded: KnowledgeBase[] = [];
    const live = createLiveKnowledgeBase({ dir, onProblems: (p) => problems.push(p), onReload: (kb) => reloaded.push(kb) });
    expect(() => live.current()).toThrow(/no valid data/);

    expect(await live.reload()).toEqual({ ok: true, problems: [] });
    const first = live.current();
    expect(first.topic('csto-crisis')?.name.en).toBe('CSTO crisis');

    await writeFile(topicsFile(), '[{"id": "csto-crisis",');
    const broken = await live.reload();
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual([{ file: 'topics.json', path: '$', message: 'invalid JSON at line 1, column 23: unexpected end of file' }]);
    expect(problems).toEqual([broken.problems]);
    expect(live.current()).toBe(first);

    await renameTopic('Alliance crisis');
    expect((await live.reload()).ok).toBe(true);
    expect(live.current().topic('csto-crisis')?.name.en).toBe('Alliance crisis');
    expect(reloaded).toHaveLength(2);
  });

  it('reloads by itself when files change, once per burst of writes', async () => {
    const onReload = vi.fn();
    const onProblems = vi.fn();
    const live = createLiveKnowledgeBase({ dir, onProblems, onReload, debounceMs: 50 });
    await live.reload();
    const stop = live.watch();
    try {
      // A half-written file followed quickly by the complete one: only the final state is loaded.
      await writeFile(topicsFile(), '[');
      await renameTopic('Renamed by watcher');
      await vi.waitFor(() => expect(live.current().topic('csto-crisis')?.name.en).toBe('Renamed by watcher'), { timeout: 5000 });
      expect(onProblems).not.toHaveBeenCalled();

      await writeFile(topicsFile(), '{');
      await vi.waitFor(() => expect(onProblems).toHaveBeenCalled(), { timeout: 5000 });
      expect(live.current().topic('csto-crisis')?.name.en).toBe('Renamed by watcher');
    } finally {
      stop();
    }
    const reloads = onReload.mock.calls.length;
    await renameTopic('After stop');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onReload.mock.calls.length).toBe(reloads);
  });
});
