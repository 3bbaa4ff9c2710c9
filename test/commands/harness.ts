// Shared by the command tests: the real knowledge base from data/, raw
// interaction payloads shaped like Discord's (ids as strings, DMs without
// member or guild_locale) and checks every reply must pass.
import { readFileSync } from 'node:fs';

import {
  type APIEmbed,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';
import { expect } from 'vitest';

import { createCommands } from '../../commands/index.js';
import { plain } from '../../src/cli/print.js';
import { respond } from '../../src/interactions/respond.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { checkChoices, checkMessage } from '../../src/render/discord-limits.js';
import { messageOf } from '../support/responses.js';

const commands = createCommands();

export const ARTICLE_TEXT = readFileSync(new URL('../fixtures/seed/securnews-2024-12-27-csto.txt', import.meta.url), 'utf8');

/** The article as one line of single spaces, for "occurs in the article" checks. */
export const ARTICLE_FLAT = ARTICLE_TEXT.replace(/\s+/g, ' ');

export { loadKb } from '../alerts/alert-fixtures.js';
export { choicesOf, messageOf } from '../support/responses.js';

export interface LoggedError {
  obj: object;
  msg: string;
}

export function deps(kb: KnowledgeBase, errors: LoggedError[] = []) {
  return { kb, commands, log: { error: (obj: object, msg: string) => void errors.push({ obj, msg }) } };
}

let nextId = 1_200_000_000_000_000_000n;
const snowflake = (): string => `${nextId++}`;

/** The fields Discord puts on every interaction sent from the bot's DMs. */
function dmBase(locale: string) {
  return {
    id: snowflake(),
    application_id: '1200000000000000001',
    token: 'test-token',
    version: 1,
    locale,
    user: { id: '1200000000000000002', username: 'tester', discriminator: '0', global_name: null, avatar: null },
    channel: { id: '1200000000000000003', type: 1 },
    channel_id: '1200000000000000003',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '1': '1200000000000000002' },
    context: 1,
    attachment_size_limit: 10485760,
  };
}

export type RawOption = { name: string; type: number; value?: unknown; focused?: boolean; options?: RawOption[] };

export function str(name: string, value: string, focused?: boolean): RawOption {
  return { name, type: ApplicationCommandOptionType.String, value, ...(focused === undefined ? {} : { focused }) };
}

export function chatInput(name: string, options: RawOption[], locale = 'en-US'): APIInteraction {
  return {
    ...dmBase(locale),
    type: InteractionType.ApplicationCommand,
    data: { id: '1200000000000000009', name, type: ApplicationCommandType.ChatInput, ...(options.length > 0 ? { options } : {}) },
  } as unknown as APIInteraction;
}

export function autocomplete(name: string, options: RawOption[], locale = 'en-US'): APIInteraction {
  return {
    ...dmBase(locale),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: '1200000000000000009', name, type: ApplicationCommandType.ChatInput, options },
  } as unknown as APIInteraction;
}

/** A button press in a guild: member instead of user, guild_locale set. */
export function buttonPress(customId: string, locale = 'en-US', guildLocale = 'en-US'): APIInteraction {
  const { user, ...base } = dmBase(locale);
  return {
    ...base,
    guild_id: '1200000000000000005',
    guild_locale: guildLocale,
    context: 0,
    member: { user, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '0' },
    type: InteractionType.MessageComponent,
    message: { id: '1200000000000000006' },
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as unknown as APIInteraction;
}

/** All text of a message, as Discord would render it (escapes and zero-width spaces removed). */
export function plainText(data: APIInteractionResponseCallbackData): string {
  const parts = [data.content ?? ''];
  for (const embed of data.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return plain(parts.join('\n'));
}

/** The lines of the named field (continued fields included), without the bullet. */
export function fieldLines(embeds: readonly APIEmbed[], name: string): string[] {
  return embeds
    .flatMap((e) => e.fields ?? [])
    .filter((f) => f.name === name || f.name.startsWith(`${name} (`))
    .flatMap((f) => f.value.split('\n'))
    .map((line) => plain(line.replace(/^• /, '')));
}

const PINGS = /@everyone|@here|<@!?\d+>|<@&\d+>/;

/** What keeps a reply from being safe: over a limit, mentions parsed, anything that could ping. */
export function safetyProblems(response: APIInteractionResponse): string[] {
  if (response.type === InteractionResponseType.ApplicationCommandAutocompleteResult) return checkChoices(response.data.choices ?? []);
  if (response.type !== InteractionResponseType.ChannelMessageWithSource && response.type !== InteractionResponseType.UpdateMessage) {
    return [`unexpected response type ${response.type}`];
  }
  const data = response.data ?? {};
  const found = checkMessage(data);
  if (JSON.stringify(data.allowed_mentions) !== '{"parse":[]}') found.push('allowed_mentions is not {parse: []}');
  if (PINGS.test(JSON.stringify(data))) found.push('contains a mention');
  return found;
}

/** Within every limit, mentions never parsed, nothing that could ping. */
export function expectSafe(response: APIInteractionResponse): void {
  expect(safetyProblems(response)).toEqual([]);
}

/** Runs an interaction through the dispatcher and checks the reply is safe. */
export async function run(kb: KnowledgeBase, interaction: APIInteraction, errors: LoggedError[] = []): Promise<APIInteractionResponse> {
  const response = await respond(interaction, deps(kb, errors));
  expectSafe(response);
  return response;
}

/** Every page of a paged reply, following the "next page" buttons. */
export async function allPages(kb: KnowledgeBase, first: APIInteractionResponse): Promise<APIEmbed[]> {
  const embeds = [...(messageOf(first).embeds ?? [])];
  let current = first;
  for (let guard = 0; guard < 50; guard++) {
    const next = nextButton(messageOf(current));
    if (next === undefined) break;
    current = await run(kb, buttonPress(next));
    expect(current.type).toBe(InteractionResponseType.UpdateMessage);
    embeds.push(...(messageOf(current).embeds ?? []));
  }
  return embeds;
}

type Button = { custom_id?: string; disabled?: boolean; label?: string };

export function buttonsOf(data: APIInteractionResponseCallbackData): Button[] {
  return (data.components ?? []).flatMap((row) => ('components' in row ? (row.components as Button[]) : []));
}

function nextButton(data: APIInteractionResponseCallbackData): string | undefined {
  const next = buttonsOf(data)[1];
  return next === undefined || next.disabled === true ? undefined : next.custom_id;
}
