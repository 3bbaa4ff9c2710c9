// Every command definition, the bulk registration body, and the replies of every command for a
// few inputs (through the real dispatcher, in both languages, in a guild and a DM) validate
// against Discord's spec and documented rules.
import type { APIApplicationCommandBasicOption, APIApplicationCommandOption, APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ComponentType, InteractionResponseType, Locale } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import { validateCommandDefinition, validateInteractionResponse, validateRequest } from '../../local-discord/contract/validate-request.js';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  type CommandInvocation,
  type InteractionPlace,
  type OptionValues,
} from '../../src/discord/interaction-payloads.js';
import type { SlashCommand } from '../../src/interactions/command.js';
import type { RespondDeps } from '../../src/interactions/respond.js';
import { respond } from '../../src/interactions/respond.js';
import { loadKb } from '../commands/harness.js';

const commands = createCommands();

const APPLICATION_ID = '1100000000000000001';
const PLACES: Record<string, InteractionPlace> = {
  'guild, German': {
    applicationId: APPLICATION_ID,
    locale: Locale.German,
    guild: { id: '1200000000000000001', channelId: '1300000000000000001', locale: Locale.German },
  },
  'guild, English': {
    applicationId: APPLICATION_ID,
    locale: Locale.EnglishUS,
    guild: { id: '1200000000000000001', channelId: '1300000000000000001', locale: Locale.German },
  },
  'DM, English': { applicationId: APPLICATION_ID, locale: Locale.EnglishGB },
};

const errorsLogged: string[] = [];
let deps: RespondDeps;

beforeAll(async () => {
  deps = { kb: await loadKb(), commands, log: { error: (_obj, msg) => errorsLogged.push(msg) } };
});

const isSubcommand = (option: APIApplicationCommandOption) =>
  option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;

/** Each way to call a command: one per subcommand (groups flattened), or the command itself. */
function invocations(command: SlashCommand): { invocation: CommandInvocation; options: APIApplicationCommandBasicOption[] }[] {
  const name = command.definition.name;
  const top = command.definition.options ?? [];
  if (!top.some(isSubcommand)) return [{ invocation: { name }, options: top as APIApplicationCommandBasicOption[] }];
  return top.flatMap((option) => {
    if (option.type === ApplicationCommandOptionType.Subcommand)
      return [{ invocation: { name, subcommand: option.name }, options: option.options ?? [] }];
    if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
      return (option.options ?? []).map((sub) => ({ invocation: { name, group: option.name, subcommand: sub.name }, options: sub.options ?? [] }));
    }
    return [];
  });
}

async function answer(interaction: APIInteraction): Promise<APIInteractionResponse> {
  const response = await respond(interaction, deps);
  expect(validateInteractionResponse(response), JSON.stringify(response).slice(0, 500)).toEqual([]);
  return response;
}

/** A value a user could pick for an option: the command's own first suggestion, else its first choice. */
async function valueFor(
  place: InteractionPlace,
  invocation: CommandInvocation,
  option: APIApplicationCommandBasicOption,
): Promise<string | number | boolean> {
  if ('autocomplete' in option && option.autocomplete) {
    const response = await answer(autocompleteInteraction(place, { ...invocation, focused: option.name, value: '' }));
    const first = response.type === InteractionResponseType.ApplicationCommandAutocompleteResult ? response.data.choices?.[0] : undefined;
    if (first) return first.value;
  }
  if ('choices' in option && option.choices?.[0]) return option.choices[0].value;
  if (option.type === ApplicationCommandOptionType.Boolean) return true;
  if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) return option.min_value ?? 1;
  return 'a';
}

describe('command definitions', () => {
  it('lists commands', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  it.each(commands.map((c) => [c.definition.name, c] as const))('/%s validates', (_, command) => {
    expect(validateCommandDefinition(command.definition)).toEqual([]);
  });

  it('the bulk registration body validates', () => {
    const body = commands.map((c) => c.definition);
    expect(validateRequest('PUT', `/api/v10/applications/${APPLICATION_ID}/commands`, body)).toEqual([]);
    expect(validateRequest('PUT', `/api/v10/applications/${APPLICATION_ID}/guilds/1/commands`, body)).toEqual([]);
  });
});

describe.each(Object.entries(PLACES))('replies (%s)', (_, place) => {
  it.each(commands.map((c) => [c.definition.name, c] as const))('/%s answers valid bodies', async (_name, command) => {
    for (const { invocation, options } of invocations(command)) {
      // Autocomplete with nothing and with a partial entry, for every autocomplete option.
      for (const option of options.filter((o) => 'autocomplete' in o && o.autocomplete)) {
        for (const value of ['', 'a', 'zzzqx']) await answer(autocompleteInteraction(place, { ...invocation, focused: option.name, value }));
      }
      const values: OptionValues = {};
      for (const option of options.filter((o) => o.required)) values[option.name] = await valueFor(place, invocation, option);
      const replies = [
        await answer(chatInputInteraction(place, { ...invocation, options: values })),
        // A miss: every free-text option filled with something the data does not know.
        await answer(
          chatInputInteraction(place, {
            ...invocation,
            options: {
              ...values,
              ...Object.fromEntries(
                options
                  .filter((o) => o.type === ApplicationCommandOptionType.String && !('choices' in o && o.choices?.length))
                  .map((o) => [o.name, 'zzzqx nonexistent']),
              ),
            },
          }),
        ),
      ];
      for (const reply of replies) await pressFirstButton(place, reply);
    }
    expect(errorsLogged).toEqual([]);
  });
});

/** Follows a "next page" button, if the reply has one, and validates that answer too. */
async function pressFirstButton(place: InteractionPlace, reply: APIInteractionResponse): Promise<void> {
  if (reply.type !== InteractionResponseType.ChannelMessageWithSource) return;
  const children = (reply.data.components ?? []).flatMap((row) =>
    'components' in row ? (row.components as readonly { type: ComponentType; custom_id?: string }[]) : [],
  );
  const customId = children.find((c) => c.type === ComponentType.Button)?.custom_id;
  if (customId === undefined) return;
  const { content, embeds, components } = reply.data;
  await answer(buttonInteraction(place, { customId, message: { content: content ?? '', embeds: embeds ?? [], components: components ?? [] } }));
}
