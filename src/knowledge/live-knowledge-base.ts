// The knowledge base of a running bot: reloaded when the data folder changes.
// A folder with problems never replaces the last good data, so a half-saved or
// broken file costs nothing but a log line.
import { type FSWatcher, watch as watchFolder } from 'node:fs';
import { join } from 'node:path';

import { createKnowledgeBase } from './create-knowledge-base.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { type DataProblem, loadDataset } from './load.js';

export interface LiveKnowledgeBaseOptions {
  dir: string;
  /** Called when a reload found problems (the previous data stays in service). */
  onProblems?: (problems: DataProblem[]) => void;
  /** Called after new data went into service. */
  onReload?: (kb: KnowledgeBase) => void;
  /** Quiet time after the last change before reloading; editors write files in bursts. */
  debounceMs?: number;
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
const WATCHED_FOLDERS = ['.', 'articles', 'entities'];

export function createLiveKnowledgeBase(options: LiveKnowledgeBaseOptions): LiveKnowledgeBase {
  let kb: KnowledgeBase | undefined;
  // Reloads run one after another, so an older read never overwrites a newer one.
  let queue: Promise<unknown> = Promise.resolve();

  const loadOnce = async (): Promise<ReloadResult> => {
    const result = await loadDataset(options.dir);
    if (!result.ok) {
      options.onProblems?.(result.problems);
      return { ok: false, problems: result.problems };
    }
    kb = createKnowledgeBase(result.dataset);
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
      let timer: NodeJS.Timeout | undefined;
      const schedule = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          // A file vanishing mid-read is a problem report, not a crash.
          reload().catch((error: unknown) => options.onProblems?.([{ file: '.', path: '$', message: `reload failed: ${String(error)}` }]));
        }, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
      };
      const watchers: FSWatcher[] = [];
      for (const folder of WATCHED_FOLDERS) {
        try {
          const watcher = watchFolder(join(options.dir, folder), schedule);
          watcher.on('error', schedule);
          watchers.push(watcher);
        } catch {
          // A missing subfolder shows up as a problem on the next reload.
        }
      }
      return () => {
        clearTimeout(timer);
        for (const watcher of watchers) watcher.close();
      };
    },
  };
}
