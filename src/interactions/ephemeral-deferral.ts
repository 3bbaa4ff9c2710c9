// Whether a command that misses the deadline is deferred privately: fixed at
// deferral time, so it comes from the command's definition (e.g. /alerts).
import { type APIInteraction, InteractionType } from 'discord-api-types/v10';

import type { SlashCommand } from './command.js';

export function ephemeralDeferral(commands: readonly SlashCommand[]): (interaction: APIInteraction) => boolean {
  const names = new Set(commands.filter((command) => command.deferEphemeral === true).map((command) => command.definition.name));
  return (interaction) => interaction.type === InteractionType.ApplicationCommand && names.has(interaction.data.name);
}
