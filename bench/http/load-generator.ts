// Load from a separate process: `concurrency` keep-alive connections, each
// sending the next pre-signed request as soon as the last one is answered,
// until `maxRequests` are done or `maxSeconds` have passed.
import { Agent, request } from 'node:http';

import { latencyOf } from '../latency.js';
import type { LoadResult, LoadSpec } from './protocol.js';

function send(agent: Agent, port: number, { body, timestamp, signature }: LoadSpec['requests'][number]): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/interactions',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-signature-timestamp': timestamp,
          'x-signature-ed25519': signature,
        },
      },
      (res) => {
        res.resume().on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function run({ port, requests, concurrency, maxRequests, maxSeconds }: LoadSpec): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(maxRequests);
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let issued = 0;
  let completed = 0;
  let failed = 0;
  const lane = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      const next = requests[issued++ % requests.length]!;
      const sent = performance.now();
      const status = await send(agent, port, next);
      latencies[completed++] = performance.now() - sent;
      if (status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const { p50, p99 } = latencyOf(latencies.subarray(0, completed));
  return { completed, failed, seconds, p50Ms: p50, p99Ms: p99 };
}

// One run per message; the process ends when the benchmark disconnects.
process.on('message', (spec: LoadSpec) => {
  void run(spec).then((result) => process.send?.(result));
});
