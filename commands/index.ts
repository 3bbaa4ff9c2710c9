// Every slash command the bot serves, in the order /help lists them.
import type { SlashCommand } from '../src/interactions/command.js';
import { alerts } from './alerts.js';
import { alliance } from './alliance.js';
import { country } from './country.js';
import { expert } from './expert.js';
import { help } from './help.js';
import { search } from './search.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';

export const commands: readonly SlashCommand[] = [alliance, expert, summary, country, timeline, search, alerts, help];
