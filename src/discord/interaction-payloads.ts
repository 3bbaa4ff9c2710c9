// Inbound interaction payloads as Discord sends them, shaped like its docs examples: ids as
// strings, a fresh id and token each, `member` and `guild_locale` only in guilds, partial data
// with a focused option for autocomplete. The one builder of such payloads: the CLI sends its
// commands as these, and the local stand-in for Discord, the demo, benches and tests use it too.
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIChatInputApplicationCommandInteraction,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIUser,
} from 'discord-api-types/v10';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';

import { randomToken, snowflake } from './snowflake.js';

/** Where an interaction happens; without `guild` it comes from a DM with the bot. */
export interface InteractionPlace {
  applicationId: string;
  guild?: {
    id: string;
    channelId: string;
    locale?: Locale;
    /** The member's permissions in the channel, as Discord computes them (default: a plain member's). */
    memberPermissions?: bigint;
    roles?: string[];
  };
  user?: APIUser;
  /** The user's client locale (default en-US). */
  locale?: Locale;
  /** The bot's permissions in the channel (default: view, send, embed links). */
  appPermissions?: bigint;
}

/** Leaf option values by name; the option type follows the value (text, integer, number, boolean). */
export type OptionValues = Record<string, string | number | boolean>;

export interface CommandInvocation {
  name: string;
  /** The registered command's id, if known; else a fresh one. */
  id?: string;
  group?: string;
  subcommand?: string;
  /** Leaf options as values, or as Discord's leaf objects when their type matters (a channel, a role, …). */
  options?: OptionValues | readonly APIApplicationCommandInteractionDataBasicOption[];
}

/** Autocomplete while typing `focused`: its partial text, sent as a string option unless `focusedType` says otherwise. */
export interface AutocompleteInvocation extends CommandInvocation {
  focused: string;
  value: string;
  focusedType?: ApplicationCommandOptionType;
}

// Discord sends 0 for a member without flags, and the enum has no member for 0.
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
const NO_FLAGS = 0 as GuildMemberFlags;
const PLAIN_MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const BOT_DEFAULT = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;
/** Discord's upload limit for servers without boosts, in bytes. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** A user object as interactions carry it. */
export function makeUser(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: '0', global_name: bot ? null : username, avatar: null, ...(bot ? { bot: true } : {}) };
}

/** The fields every interaction type shares. */
function common(place: InteractionPlace) {
  const user = place.user ?? makeUser('80351110224678912', 'tester');
  const guild = place.guild;
  const shared = {
    id: snowflake(),
    application_id: place.applicationId,
    token: randomToken(),
    version: 1 as const,
    locale: place.locale ?? Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    app_permissions: String(place.appPermissions ?? BOT_DEFAULT),
  };
  if (!guild) {
    const channelId = snowflake();
    return {
      ...shared,
      user,
      channel_id: channelId,
      channel: { id: channelId, type: ChannelType.DM as const, recipients: [user] },
      context: InteractionContextType.BotDM,
      authorizing_integration_owners: { 0: '0' },
    };
  }
  const member: APIInteractionGuildMember = {
    user,
    roles: guild.roles ?? [],
    permissions: String(guild.memberPermissions ?? PLAIN_MEMBER),
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    deaf: false,
    mute: false,
    flags: NO_FLAGS,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
  };
  return {
    ...shared,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.locale ?? Locale.EnglishUS, features: [] },
    guild_locale: guild.locale ?? Locale.EnglishUS,
    member,
    channel_id: guild.channelId,
    channel: { id: guild.channelId, type: ChannelType.GuildText as const, guild_id: guild.id, name: 'general' },
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { 0: guild.id },
  };
}

function leafOption(name: string, value: string | number | boolean): APIApplicationCommandInteractionDataBasicOption {
  if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value };
  if (typeof value === 'string') return { name, type: ApplicationCommandOptionType.String, value };
  const type = Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return { name, type, value };
}

/** Wraps leaf options into the subcommand (and group) they belong to, as Discord nests them. */
function nest(
  invocation: CommandInvocation,
  leaves: APIApplicationCommandInteractionDataBasicOption[],
): APIApplicationCommandInteractionDataOption[] {
  if (!invocation.subcommand) return leaves;
  const sub = { name: invocation.subcommand, type: ApplicationCommandOptionType.Subcommand as const, options: leaves };
  return invocation.group ? [{ name: invocation.group, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub] }] : [sub];
}

function leavesOf(invocation: CommandInvocation): APIApplicationCommandInteractionDataBasicOption[] {
  const { options = {} } = invocation;
  if (isLeafList(options)) return [...options];
  return Object.entries(options).map(([name, value]) => leafOption(name, value));
}

function isLeafList(
  options: OptionValues | readonly APIApplicationCommandInteractionDataBasicOption[],
): options is readonly APIApplicationCommandInteractionDataBasicOption[] {
  return Array.isArray(options);
}

function commandData(place: InteractionPlace, invocation: CommandInvocation) {
  return {
    id: invocation.id ?? snowflake(),
    name: invocation.name,
    type: ApplicationCommandType.ChatInput as const,
    ...(place.guild ? { guild_id: place.guild.id } : {}),
  };
}

/** A slash command use, e.g. `/alliance csto` as `{ name: 'alliance', options: { name: 'csto' } }`. */
export function chatInputInteraction(place: InteractionPlace, invocation: CommandInvocation): APIChatInputApplicationCommandInteraction {
  const options = nest(invocation, leavesOf(invocation));
  // Like Discord, no `options` for a command used without any.
  const data = { ...commandData(place, invocation), ...(options.length > 0 ? { options } : {}) };
  return { ...common(place), type: InteractionType.ApplicationCommand, data };
}

/** Autocomplete while typing: the options so far, `focused` (always last) carrying the partial text. */
export function autocompleteInteraction(place: InteractionPlace, invocation: AutocompleteInvocation): APIApplicationCommandAutocompleteInteraction {
  const leaves = leavesOf(invocation).filter((leaf) => leaf.name !== invocation.focused);
  const type = invocation.focusedType ?? ApplicationCommandOptionType.String;
  leaves.push({ name: invocation.focused, type, value: invocation.value, focused: true } as APIApplicationCommandInteractionDataBasicOption);
  return {
    ...common(place),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { ...commandData(place, invocation), options: nest(invocation, leaves) },
  };
}

/** A button press on a message from the bot in that channel; `message` overrides its fields (e.g. components). */
export function buttonInteraction(
  place: InteractionPlace,
  button: { customId: string; message?: Partial<APIMessage> },
): APIMessageComponentButtonInteraction {
  const base = common(place);
  const message: APIMessage = {
    id: snowflake(),
    channel_id: base.channel_id,
    author: makeUser(place.applicationId, 'lagebild', true),
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.ChatInputCommand,
    ...button.message,
  };
  return {
    ...base,
    type: InteractionType.MessageComponent,
    data: { custom_id: button.customId, component_type: ComponentType.Button },
    message,
  };
}
