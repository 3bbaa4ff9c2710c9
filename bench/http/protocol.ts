// Messages between the benchmark and its child processes (over the fork IPC channel).

/** Where a server process gets its dispatcher: a module and the name of its factory export. */
export interface RespondSource {
  module: string;
  exportName: string;
}

export type ServerKind = 'lagebild' | 'express' | 'bare';

export interface ServerSpec {
  kind: ServerKind;
  workers: number;
  publicKeyHex: string;
  respond: RespondSource;
  /** Set for cluster workers, which must all listen on the same port. */
  port?: number;
}

export type ServerMessage = { kind: 'ready'; port: number } | { kind: 'cpu'; micros: number };
export interface CpuRequest {
  kind: 'cpu';
}

export interface SignedRequest {
  body: string;
  timestamp: string;
  signature: string;
}

export interface LoadSpec {
  port: number;
  requests: SignedRequest[];
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
}

export interface LoadResult {
  completed: number;
  /** Responses other than 200, and transport errors. */
  failed: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}
