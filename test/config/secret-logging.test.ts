import { describe, expect, test } from 'vitest';

import { loadConfig } from '../../src/config/config.js';
import { createLogger, REDACTED } from '../../src/logging/logger.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMA.Gx7kQp.Secret-Part_of-the-token-0123456789abcd';

function capture(secrets: string[] = [TOKEN]) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', secrets, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

describe('createLogger', () => {
  test('writes structured JSON at the configured level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
    logger.info('hidden');
    logger.warn({ guildId: '42' }, 'shown');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toMatchObject([{ level: 40, guildId: '42', msg: 'shown' }]);
  });

  test('redacts token-like paths', () => {
    const { logger, lines } = capture([]);
    const config = { ...loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '1100000000000000000' }, null), discordToken: TOKEN };
    logger.info({ token: TOKEN, rest: { token: TOKEN }, authorization: `Bot ${TOKEN}`, headers: { authorization: `Bot ${TOKEN}` }, config }, 'paths');
    const entry = JSON.parse(lines[0]!) as {
      token: unknown;
      rest: { token: unknown };
      authorization: unknown;
      headers: { authorization: unknown };
      config: { discordToken: unknown; applicationId: unknown };
    };
    expect(entry.token).toBe(REDACTED);
    expect(entry.rest.token).toBe(REDACTED);
    expect(entry.authorization).toBe(REDACTED);
    expect(entry.headers.authorization).toBe(REDACTED);
    expect(entry.config.discordToken).toBe(REDACTED);
    expect(entry.config.applicationId).toBe('1100000000000000000');
    expect(lines.join('')).not.toContain('Secret-Part');
  });

  test('scrubs the token from error messages, stacks, causes and log messages', () => {
    const { logger, lines } = capture();
    const error = new Error(`login failed for ${TOKEN}`, { cause: new Error(`cause mentions ${TOKEN}`) });
    Object.assign(error, { requestBody: { json: { token: TOKEN } } });
    logger.error({ err: error }, 'first');
    logger.error(error);
    logger.error({ error }, 'as error');
    logger.warn(`message with ${TOKEN} inside`);
    logger.warn('format %s', TOKEN);
    expect(lines).toHaveLength(5);
    const text = lines.join('\n');
    expect(text).not.toContain('Secret-Part');
    expect(text).toContain(`login failed for ${REDACTED}`);
    expect(text).toContain(`cause mentions ${REDACTED}`);
    expect((JSON.parse(lines[3]!) as { msg: unknown }).msg).toBe(`message with ${REDACTED} inside`);
    // The error is still useful: type and stack survive.
    expect((JSON.parse(lines[0]!) as { err: unknown }).err).toMatchObject({
      type: 'Error',
      stack: expect.stringContaining('secret-logging.test.ts') as unknown,
    });
  });
});
