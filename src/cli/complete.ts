// `lagebild complete "/expert name:bar"`: the autocomplete answer for the
// last option given, as Discord would get it while the user types.
import { createCommands } from '../../commands/index.js';
import { respond } from '../interactions/respond.js';
import { parseQueryArguments } from './arguments.js';
import { parseChatLine } from './chat-line.js';
import { cliAutocompleteInteraction } from './interaction.js';
import { type CliSubcommand, stderrLog } from './io.js';
import { loadKnowledge } from './knowledge.js';
import { loadNews } from './news.js';
import { printResponse } from './print.js';
import { UsageError } from './usage.js';

export const complete: CliSubcommand = {
  async run(args, io) {
    const { line, locale, json, data } = parseQueryArguments(args);
    // Without Discord's services: /alerts is listed, and answers that alerts are off.
    const commands = createCommands();
    const parsed = parseChatLine(
      line,
      commands.map((c) => c.definition),
    );
    const first = parsed.options[0];
    const focus = parsed.given.at(-1) ?? (first === undefined ? undefined : { option: first, text: '' });
    if (focus === undefined) throw new UsageError(`/${parsed.definition.name} has no options to complete`);
    const kb = await loadKnowledge(data);
    const news = await loadNews(io);
    const response = await respond(cliAutocompleteInteraction(parsed, locale, focus), { kb, news, commands, log: stderrLog(io) });
    io.out(`${json ? JSON.stringify(response) : printResponse(response)}\n`);
    return 0;
  },
};
