// A proxy in front of the local Discord stand-in that delays channel message
// posts: before the stand-in sees them (so posts arrive out of step with when
// they were sent) and before their answer returns (so a crash can leave a
// message posted but unconfirmed). It records when each post reached the stand-in.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { LocalDiscord } from '../../local-discord/index.js';

export interface LatencyOptions {
  /** Milliseconds a post waits before it is passed on; default none. */
  requestDelay?: () => number;
  /** Milliseconds the stand-in's answer to a post is held back; default none. */
  answerDelay?: () => number;
}

export interface LatencyProxy {
  apiUrl: string;
  /** performance.now() at which each channel message post was passed on to the stand-in. */
  arrivals: number[];
  close(): Promise<void>;
}

const CHANNEL_POST = /^\/api\/v10\/channels\/\d+\/messages$/;

/** Runs `step` after `delay` ms, or at once without a delay. */
function after(delay: (() => number) | undefined, step: () => void): void {
  if (delay === undefined) step();
  else setTimeout(step, delay());
}

export async function startLatencyProxy(discord: LocalDiscord, options: LatencyOptions): Promise<LatencyProxy> {
  const arrivals: number[] = [];
  const server: Server = createServer((req, res) => {
    const post = req.method === 'POST' && CHANNEL_POST.test(req.url ?? '');
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const forward = () => {
        if (post) arrivals.push(performance.now());
        const upstream = httpRequest({ host: '127.0.0.1', port: discord.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const reply = () => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(chunks));
            };
            if (post) after(options.answerDelay, reply);
            else reply();
          });
        });
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(body));
      };
      if (post) after(options.requestDelay, forward);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    arrivals,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
