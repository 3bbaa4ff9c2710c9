// Shared pieces for the HTTP tests: signed requests, a capturing logger and a
// small stand-in for Discord's REST API. Key pairs come from the local-discord
// stand-in (generateInteractionKeys).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { InteractionKeys } from '../../local-discord/signed-request.js';
import { signRequest } from '../../src/http/signature.js';
import type { Logger } from '../../src/logging/logger.js';
import { createLogger } from '../../src/logging/logger.js';

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Headers for any body, JSON or not, signed with `keys` as Discord would. */
export function signedHeaders(keys: InteractionKeys, body: string, timestamp = String(nowSeconds())): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-timestamp': timestamp,
    'x-signature-ed25519': signRequest(keys.privateKey, timestamp, body),
  };
}

export function capturingLogger(secrets: string[] = []): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', secrets, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** Answers every request like a successful webhook call, with the rate-limit headers Discord sends. */
export async function fakeDiscordRest(): Promise<{
  api: string;
  requests: RecordedRequest[];
  next(): Promise<RecordedRequest>;
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const waiters: ((request: RecordedRequest) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const recorded = {
          method: req.method ?? '',
          path: decodeURIComponent(req.url ?? ''),
          authorization: req.headers.authorization,
          body: text ? (JSON.parse(text) as unknown) : undefined,
        };
        requests.push(recorded);
        waiters.shift()?.(recorded);
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '4',
          'x-ratelimit-reset-after': '1',
          'x-ratelimit-bucket': 'fake',
        });
        res.end(JSON.stringify({ id: '1', ...(recorded.body as object) }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    next: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
