// The knowledge base of a running bot: reloaded when the data folder changes.
// A folder with problems never replaces the last good data, so a half-saved or
// broken file costs nothing but a log line.
//
// fs.watch follows inodes, not names: a watcher stays on a folder that was
// renamed away, replaced by a new one, or left behind when a symlink on the way
// to it was pointed elsewhere (`ln -sfn release2 current`). So the watch goes by
// the name: it also watches the folder holding the data folder's name, and checks
// every few seconds which folders the name leads to now (and whether they changed
// at all, in case events were lost); when they are others, it watches those and
// reloads. Each reload reads one resolved folder, so a swap during a read never
// mixes two releases.
import { type BigIntStats, type FSWatcher, realpathSync, statSync, watch as watchFolder } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import type { KnowledgeBase } from './knowledge-base.js';
import type { DataProblem } from './load.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';

export interface LiveKnowledgeBaseOptions {
  dir: string;
  /** Called when a reload found problems (the previous data stays in service). */
  onProblems?: (problems: DataProblem[]) => void;
  /** Called after new data went into service. */
  onReload?: (kb: KnowledgeBase) => void;
  /** Called when the watch moved to other folders (the data folder or a subfolder was replaced, or a symlink swapped). */
  onFolderChanged?: (resolvedDir: string | undefined) => void;
  /** Quiet time after the last change before reloading; editors write files in bursts. */
  debounceMs?: number;
  /** How often the watch checks the folders behind the name, as a safety net for changes no event reported. */
  checkIntervalMs?: number;
}

export interface ReloadResult {
  ok: boolean;
  problems: DataProblem[];
}

export interface LiveKnowledgeBase {
  /** The data in service; throws before the first successful reload. */
  current(): KnowledgeBase;
  reload(): Promise<ReloadResult>;
  /** Reloads on changes in the folder until the returned function is called. */
  watch(): () => void;
}

const DEFAULT_DEBOUNCE_MS = 200;
/** Every 2 s: one realpath and three stats, cheap enough to run forever; "within seconds" for swaps no event reported. */
const DEFAULT_CHECK_INTERVAL_MS = 2000;
const WATCHED_FOLDERS = ['.', 'articles', 'entities'];

/** Which folders the data folder's name leads to now. */
interface FolderState {
  /** The data folder's real path; undefined while there is none. */
  resolved: string | undefined;
  /** Identity (device and inode) of each watched folder: equal means the watchers are on the right folders. */
  identity: string;
  /** Identity and modification time: changes when a file is added, removed or renamed in one of them. */
  signature: string;
}

function folderState(dir: string): FolderState {
  let resolved: string | undefined;
  try {
    resolved = realpathSync(dir);
  } catch {
    resolved = undefined;
  }
  const identity: string[] = [resolved ?? '-'];
  const signature: string[] = [resolved ?? '-'];
  for (const folder of WATCHED_FOLDERS) {
    let stats: BigIntStats | undefined;
    try {
      stats = resolved === undefined ? undefined : statSync(join(resolved, folder), { bigint: true });
    } catch {
      stats = undefined;
    }
    identity.push(stats ? `${stats.dev}:${stats.ino}` : '-');
    signature.push(stats ? `${stats.dev}:${stats.ino}:${stats.mtimeNs}` : '-');
  }
  return { resolved, identity: identity.join('|'), signature: signature.join('|') };
}

export function createLiveKnowledgeBase(options: LiveKnowledgeBaseOptions): LiveKnowledgeBase {
  let kb: KnowledgeBase | undefined;
  // Reloads run one after another, so an older read never overwrites a newer one.
  let queue: Promise<unknown> = Promise.resolve();

  /** The folders as they were when the latest read began: the periodic check compares against it. */
  let loadedSignature: string | undefined;

  const loadOnce = async (): Promise<ReloadResult> => {
    // One resolved folder per read; a missing one is reported by loadDataset.
    const state = folderState(resolve(options.dir));
    loadedSignature = state.signature;
    const dir = state.resolved ?? options.dir;
    const result = await loadKnowledgeBase(dir);
    if (!result.ok) {
      options.onProblems?.(result.problems);
      return { ok: false, problems: result.problems };
    }
    kb = result.kb;
    options.onReload?.(kb);
    return { ok: true, problems: [] };
  };

  const reload = (): Promise<ReloadResult> => {
    const next = queue.then(loadOnce, loadOnce);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    current() {
      if (!kb) throw new Error(`no valid data loaded from ${options.dir} yet`);
      return kb;
    },
    reload,
    watch() {
      const dir = resolve(options.dir);
      let timer: NodeJS.Timeout | undefined;
      let watchers: FSWatcher[] = [];
      let watched = folderState(dir);

      const closeWatchers = (): void => {
        for (const watcher of watchers) watcher.close();
        watchers = [];
      };
      const add = (path: string, listener: (event: string, name: string | null) => void): void => {
        try {
          const watcher = watchFolder(path, listener);
          watcher.on('error', schedule);
          watchers.push(watcher);
        } catch {
          // A missing folder shows up as a problem on the next reload, and in the periodic check once it exists.
        }
      };
      const arm = (state: FolderState): void => {
        closeWatchers();
        watched = state;
        if (state.resolved !== undefined) for (const folder of WATCHED_FOLDERS) add(join(state.resolved, folder), schedule);
        // The folder holding the name: a folder renamed into place or a symlink swapped shows here at once.
        add(dirname(dir), (_event, name) => {
          if (name === null || name === basename(dir)) schedule();
        });
      };
      const sync = (): void => {
        const state = folderState(dir);
        if (state.identity !== watched.identity) {
          arm(state);
          options.onFolderChanged?.(state.resolved);
        }
        // A file vanishing mid-read is a problem report, not a crash.
        reload().catch((error: unknown) => options.onProblems?.([{ file: '.', path: '$', message: `reload failed: ${String(error)}` }]));
      };
      function schedule(): void {
        clearTimeout(timer);
        timer = setTimeout(sync, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      }

      arm(watched);
      const check = setInterval(() => {
        // Also catches a change between the latest read and this watch's start.
        if (folderState(dir).signature !== loadedSignature) schedule();
      }, options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS);
      check.unref();
      return () => {
        clearTimeout(timer);
        clearInterval(check);
        closeWatchers();
      };
    },
  };
}
