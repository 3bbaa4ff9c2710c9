// `lagebild ask "/alliance name:csto"`: runs a command through the same
// dispatcher Discord's interactions go through and prints the reply.
import { createCommands } from '../../commands/index.js';
import { respond } from '../interactions/respond.js';
import { parseQueryArguments } from './arguments.js';
import { parseChatLine, requireAll } from './chat-line.js';
import { cliCommandInteraction } from './interaction.js';
import { type CliSubcommand, stderrLog } from './io.js';
import { loadKnowledge } from './knowledge.js';
import { loadNews } from './news.js';
import { printResponse } from './print.js';

export const ask: CliSubcommand = {
  async run(args, io) {
    const { line, locale, json, data } = parseQueryArguments(args);
    // Without Discord's services: /alerts is listed, and answers that alerts are off.
    const commands = createCommands();
    const parsed = parseChatLine(
      line,
      commands.map((c) => c.definition),
    );
    requireAll(parsed);
    const interaction = cliCommandInteraction(parsed, locale);
    const kb = await loadKnowledge(data);
    const news = await loadNews(io);
    const response = await respond(interaction, { kb, news, commands, log: stderrLog(io) });
    io.out(`${json ? JSON.stringify(response) : printResponse(response)}\n`);
    return 0;
  },
};
