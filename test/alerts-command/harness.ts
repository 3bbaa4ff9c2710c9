// Shared by the /alerts tests: guild interaction payloads with typed channel and
// role options and Discord's resolved data, and the checks every reply must pass.
import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  type ChannelType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { expect } from 'vitest';

import { validateInteractionResponse } from '../../local-discord/contract/validate-request.js';
import { autocompleteInteraction, chatInputInteraction, type InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { respond, type RespondDeps } from '../../src/interactions/respond.js';
import { checkMessage } from '../../src/render/discord-limits.js';

export { choicesOf } from '../support/responses.js';

export const MANAGE_GUILD = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild;

type Leaf = APIApplicationCommandInteractionDataBasicOption;

export const opt = {
  string: (name: string, value: string): Leaf => ({ name, type: ApplicationCommandOptionType.String, value }),
  channel: (name: string, value: string): Leaf => ({ name, type: ApplicationCommandOptionType.Channel, value }),
  role: (name: string, value: string): Leaf => ({ name, type: ApplicationCommandOptionType.Role, value }),
};

/** What Discord puts into `data.resolved.channels` for a channel option. */
export function resolvedChannel(channel: { id: string; type: ChannelType; name?: string | null }): APIInteractionDataResolved {
  return {
    channels: {
      [channel.id]: { id: channel.id, type: channel.type, name: channel.name ?? 'channel', permissions: String(MANAGE_GUILD) } as never,
    },
  };
}

/** `/alerts <subcommand>` with typed leaf options, as Discord nests and resolves them. */
export function alertsCommand(
  place: InteractionPlace,
  subcommand: string,
  leaves: Leaf[] = [],
  resolved?: APIInteractionDataResolved,
): APIChatInputApplicationCommandInteraction {
  const base = chatInputInteraction(place, { name: 'alerts', subcommand, options: leaves });
  return resolved ? { ...base, data: { ...base.data, resolved } } : base;
}

export function alertsAutocomplete(place: InteractionPlace, subcommand: string, focused: string, value: string): APIInteraction {
  return autocompleteInteraction(place, { name: 'alerts', subcommand, focused, value });
}

export function messageOf(response: APIInteractionResponse): APIInteractionResponseCallbackData {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error(`expected a message, got type ${response.type}`);
  return response.data;
}

/** The reply's text: content and embed texts. */
export function textOf(response: APIInteractionResponse): string {
  const data = messageOf(response);
  const embeds = (data.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]);
  return [data.content ?? '', ...embeds].join('\n');
}

/** Runs an interaction through respond() and checks what every /alerts reply must be. */
export async function answer(interaction: APIInteraction, deps: RespondDeps): Promise<APIInteractionResponse> {
  const response = await respond(interaction, deps);
  expect(validateInteractionResponse(response)).toEqual([]);
  if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) return response;
  const data = messageOf(response);
  expect(checkMessage(data)).toEqual([]);
  expect(data.allowed_mentions).toEqual({ parse: [] });
  expect(data.flags).toBe(MessageFlags.Ephemeral);
  return response;
}
