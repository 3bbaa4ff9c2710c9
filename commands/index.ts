// Every slash command the bot serves, in the order /help lists them. Commands
// that need more than the knowledge base get it here, from the composition root.
import type { SlashCommand } from '../src/interactions/command.js';
import { type AlertsCommandDeps, createAlertsCommand } from './alerts/index.js';
import { alliance } from './alliance.js';
import { country } from './country.js';
import { expert } from './expert.js';
import { createHelpCommand } from './help.js';
import { news } from './news.js';
import { search } from './search.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';

export interface CommandDeps {
  /** What /alerts acts through; without it /alerts answers that alerts are off (the CLI, registration). */
  alerts?: AlertsCommandDeps;
}

export function createCommands(deps: CommandDeps = {}): readonly SlashCommand[] {
  const served = [alliance, expert, summary, country, timeline, news, search, createAlertsCommand(deps.alerts)];
  return [...served, createHelpCommand(served)];
}
