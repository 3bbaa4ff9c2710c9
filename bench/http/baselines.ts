// The two servers Lagebild's endpoint is measured against.
import { verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';

import { type APIInteraction, InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { verifyKeyMiddleware } from 'discord-interactions';
import express from 'express';

import type { RespondFn } from '../../src/http/interactions-server.js';
import { ed25519PublicKey } from '../../src/http/signature.js';

/** The way Discord's example app does it: Express 5 and discord-interactions' middleware (which answers PING itself). */
export function expressBaseline(publicKeyHex: string, respond: RespondFn): Server {
  const app = express();
  app.post('/interactions', verifyKeyMiddleware(publicKeyHex), async (req, res) => {
    // The middleware has parsed and verified the body.
    const interaction = req.body as APIInteraction;
    if (interaction.type === InteractionType.ApplicationCommand) {
      res.send(await respond(interaction));
      return;
    }
    res.status(400).json({ error: 'unknown interaction type' });
  });
  return createServer(app);
}

/**
 * The least a correct endpoint does: buffer the body, verify it with a key
 * built once, parse, answer PING or pass the interaction to the dispatcher.
 */
export function bareBaseline(publicKeyHex: string, respond: RespondFn): Server {
  const key = ed25519PublicKey(publicKeyHex);
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const answer = async () => {
      const body = Buffer.concat(chunks);
      const message = Buffer.concat([Buffer.from(String(req.headers['x-signature-timestamp'])), body]);
      const signature = Buffer.from(String(req.headers['x-signature-ed25519']), 'hex');
      if (!verify(null, message, key, signature)) {
        res.writeHead(401).end();
        return;
      }
      const interaction = JSON.parse(body.toString()) as APIInteraction;
      const response = interaction.type === InteractionType.Ping ? { type: InteractionResponseType.Pong } : await respond(interaction);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    };
    req.on('end', () => {
      void answer();
    });
  });
}
