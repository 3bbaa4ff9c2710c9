// The end-to-end harness: the bot process helpers the demo uses too, and the
// token the tests' stand-ins accept.
import type { LocalDiscord } from '../../local-discord/index.js';
import { botEnv, BotProcess, type LogLine } from '../../scripts/bot-process.js';

export type { Exit, LogLine, LogMatch } from '../../scripts/bot-process.js';
export { botEnv, BotProcess, DATA_DIR, startGatewayBot, tempWorkDir } from '../../scripts/bot-process.js';

/** Shaped like a real token (three dot-separated parts), accepted by the stand-in. */
export const TEST_TOKEN = 'MTE5ODc2NTQzMjEwOTg3NjU0.e2e-test.token-for-the-local-stand-in';

export interface HttpBot {
  bot: BotProcess;
  /** The port the system picked; the bot logs it. */
  port: number;
  /** The log line that says the interactions endpoint listens. */
  listening: LogLine;
}

/**
 * Starts the bot in HTTP mode on 127.0.0.1 with `DISCORD_PUBLIC_KEY` = `publicKeyHex`, on a port the system
 * picks (0), plus `overrides`; resolves once the interactions endpoint listens. Kills the bot if it never does.
 */
export async function startHttpBot(
  discord: LocalDiscord,
  workDir: string,
  publicKeyHex: string,
  overrides: Record<string, string> = {},
): Promise<HttpBot> {
  const env = botEnv(discord, workDir, {
    LAGEBILD_MODE: 'http',
    DISCORD_PUBLIC_KEY: publicKeyHex,
    LAGEBILD_HTTP_PORT: '0',
    LAGEBILD_HTTP_HOST: '127.0.0.1',
    ...overrides,
  });
  const bot = BotProcess.start(env, workDir);
  try {
    const listening = await bot.waitForLog('interactions endpoint listening on POST /interactions');
    return { bot, port: Number(listening.port), listening };
  } catch (error) {
    bot.kill();
    throw error;
  }
}
