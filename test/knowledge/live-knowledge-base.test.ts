import { cp, mkdtemp, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
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
/** Writes the fixture's topics with the first one renamed (into `folder`, the test's folder by default). */
async function renameTopic(name: string, folder = dir): Promise<void> {
  const topics = JSON.parse(await readFile(join(fixture, 'topics.json'), 'utf8')) as { name: { en: string } }[];
  topics[0]!.name.en = name;
  await writeFile(join(folder, 'topics.json'), JSON.stringify(topics));
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

  it('follows the name, not the folder: a replaced folder or a swapped symlink is watched from then on', async () => {
    const release = async (name: string, topic: string): Promise<string> => {
      const folder = join(dir, name);
      await cp(fixture, folder, { recursive: true });
      await renameTopic(topic, folder);
      return folder;
    };
    /** What `ln -sfn target current` does: a new link renamed over the old one. */
    const deploy = async (target: string): Promise<void> => {
      await symlink(target, join(dir, 'current.new'));
      await rename(join(dir, 'current.new'), join(dir, 'current'));
    };
    const topicName = () => live.current().topic('csto-crisis')?.name.en;
    const moved = vi.fn();
    await deploy(await release('r1', 'Release 1'));
    // A long check interval: the events alone must do it.
    const live = createLiveKnowledgeBase({ dir: join(dir, 'current'), onFolderChanged: moved, debounceMs: 50, checkIntervalMs: 60_000 });
    await live.reload();
    expect(topicName()).toBe('Release 1');
    const stop = live.watch();
    try {
      await deploy(await release('r2', 'Release 2'));
      await vi.waitFor(() => expect(topicName()).toBe('Release 2'), { timeout: 5000 });
      expect(moved).toHaveBeenLastCalledWith(await realpath(join(dir, 'r2')));
      await renameTopic('Release 2, edited', join(dir, 'r2'));
      await vi.waitFor(() => expect(topicName()).toBe('Release 2, edited'), { timeout: 5000 });

      // r2 replaced by a new folder of the same name.
      await rename(join(dir, 'r2'), join(dir, 'r2.old'));
      await release('r2', 'Replaced');
      await vi.waitFor(() => expect(topicName()).toBe('Replaced'), { timeout: 5000 });
      await renameTopic('Replaced, edited', join(dir, 'r2'));
      await vi.waitFor(() => expect(topicName()).toBe('Replaced, edited'), { timeout: 5000 });
      await renameTopic('Old folder', join(dir, 'r2.old'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(topicName()).toBe('Replaced, edited');
    } finally {
      stop();
    }
  });

  it('notices a swap no event reports, by checking the folders behind the name periodically', async () => {
    // current → r1, the data folder is current/data: a swap of `current` shows in no watched folder.
    for (const [name, topic] of [
      ['r1', 'Release 1'],
      ['r2', 'Release 2'],
    ] as const) {
      await cp(fixture, join(dir, name, 'data'), { recursive: true });
      await renameTopic(topic, join(dir, name, 'data'));
    }
    await symlink(join(dir, 'r1'), join(dir, 'current'));
    const live = createLiveKnowledgeBase({ dir: join(dir, 'current', 'data'), debounceMs: 50, checkIntervalMs: 100 });
    await live.reload();
    const stop = live.watch();
    try {
      await symlink(join(dir, 'r2'), join(dir, 'current.new'));
      await rename(join(dir, 'current.new'), join(dir, 'current'));
      await vi.waitFor(() => expect(live.current().topic('csto-crisis')?.name.en).toBe('Release 2'), { timeout: 5000 });
    } finally {
      stop();
    }
  });
});
