// Messages between the gateway memory benchmark and its child processes (fork IPC).
import type { WorldSize } from '../../local-discord/index.js';

export interface StandInSpec {
  token: string;
  world: Required<Pick<WorldSize, 'guilds' | 'channels' | 'roles' | 'members'>>;
}

export interface StandInReady {
  kind: 'stand-in-ready';
  apiUrl: string;
  applicationId: string;
}

export type ClientKind = 'lagebild' | 'discord.js default';

export interface ClientSpec {
  client: ClientKind;
  apiUrl: string;
  token: string;
  applicationId: string;
  /** Quiet time after ready before measuring, so lazily built structures are in. */
  settleMs: number;
}

/** Bytes, after a full garbage collection. */
export interface MemorySample {
  heapUsed: number;
  rss: number;
}

export interface ClientResult {
  kind: 'client-result';
  before: MemorySample;
  after: MemorySample;
  readyMs: number;
}
