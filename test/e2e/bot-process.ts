// The end-to-end harness: the bot process helpers the demo uses too, and the
// token the tests' stand-ins accept.
export type { Exit, LogLine, LogMatch } from '../../scripts/bot-process.js';
export { botEnv, BotProcess, DATA_DIR, startGatewayBot, tempWorkDir } from '../../scripts/bot-process.js';

/** Shaped like a real token (three dot-separated parts), accepted by the stand-in. */
export const TEST_TOKEN = 'MTE5ODc2NTQzMjEwOTg3NjU0.e2e-test.token-for-the-local-stand-in';
