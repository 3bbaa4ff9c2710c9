// The real dispatcher over the bundled data/, for the HTTP benchmark's
// "signed /summary" workload: the same code path `npm start` serves.
import { fileURLToPath } from 'node:url';

import { createCommands } from '../../commands/index.js';
import { loadKnowledge } from '../../src/cli/knowledge.js';
import { respond } from '../../src/interactions/respond.js';
import type { RespondFn } from '../../src/transport/fallback-responses.js';

const DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

export async function createRespond(): Promise<RespondFn> {
  const kb = await loadKnowledge(DATA_DIR);
  const commands = createCommands();
  const log = { error: () => undefined };
  return (interaction) => respond(interaction, { kb, commands, log });
}
