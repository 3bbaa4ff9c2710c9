// Many slow clients, in a process of their own: connections to 127.0.0.1 only,
// at most `connections` open at once, for `seconds`, then every socket is
// destroyed, the result reported and the process ends by itself. A connection
// the server closes is replaced after a short pause, so the count stays up.
// Four kinds, in turn: headers that stall, a body that trickles a byte a
// second, and (twice) half a MiB of a 1 MiB body followed by a stall.
import type { Socket } from 'node:net';
import { connect } from 'node:net';

export interface SlowClientsSpec {
  port: number;
  connections: number;
  seconds: number;
}

export interface SlowClientsResult {
  kind: 'slow-result';
  opened: number;
  peakOpen: number;
  /** Status lines the server answered with (e.g. "503"), and "none" for closes without an answer. */
  closes: Record<string, number>;
}

const REOPEN_DELAY_MS = 200;
const PARTIAL_BODY = Buffer.alloc(512 * 1024, 0x20);

function headers(contentLength: number): string {
  return (
    `POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n` +
    `X-Signature-Ed25519: ${'ab'.repeat(64)}\r\nX-Signature-Timestamp: ${Math.floor(Date.now() / 1000)}\r\n\r\n`
  );
}

function run({ port, connections, seconds }: SlowClientsSpec): Promise<SlowClientsResult> {
  const open = new Set<Socket>();
  const closes: Record<string, number> = {};
  const deadline = Date.now() + seconds * 1000;
  let opened = 0;
  let peakOpen = 0;
  let stopping = false;

  const start = (index: number) => {
    if (stopping || Date.now() > deadline) return;
    const kind = index % 4;
    const socket = connect(port, '127.0.0.1');
    opened += 1;
    open.add(socket);
    peakOpen = Math.max(peakOpen, open.size);
    let status = 'none';
    let drip: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      if (kind === 0) socket.write('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      else if (kind === 1) socket.write(headers(10_000));
      else socket.write(Buffer.concat([Buffer.from(headers(1024 * 1024)), PARTIAL_BODY]));
      if (kind !== 2 && kind !== 3) drip = setInterval(() => socket.writable && socket.write(kind === 0 ? 'X' : ' '), 1000);
    });
    socket.setEncoding('latin1').once('data', (chunk: string) => {
      status = /^HTTP\/1\.1 (\d{3})/.exec(chunk)?.[1] ?? 'other';
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearInterval(drip);
      open.delete(socket);
      if (stopping) return;
      closes[status] = (closes[status] ?? 0) + 1;
      setTimeout(() => start(index), REOPEN_DELAY_MS);
    });
  };

  return new Promise((resolve) => {
    // Opened in batches, so the listen backlog is not what refuses them.
    let next = 0;
    const batches = setInterval(() => {
      for (let i = 0; i < 100 && next < connections; i++) start(next++);
      if (next >= connections) clearInterval(batches);
    }, 50);
    setTimeout(
      () => {
        stopping = true;
        clearInterval(batches);
        for (const socket of open) socket.destroy();
        resolve({ kind: 'slow-result', opened, peakOpen, closes });
      },
      Math.max(0, deadline - Date.now()),
    );
  });
}

process.once('message', (spec: SlowClientsSpec) => {
  void run(spec).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
// Never outlive the benchmark.
process.once('disconnect', () => process.exit(0));
