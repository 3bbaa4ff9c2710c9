// What the demo does with each typed line: slash commands go to the bot as
// interactions through the local Discord, digits press the last reply's
// buttons, `:lang` switches language; Tab asks the bot's real autocomplete.
import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandOptionChoice,
  APIInteractionDataResolved,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
  APIMessage,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType, InteractionResponseType, Locale, PermissionFlagsBits } from 'discord-api-types/v10';

import { createCommands } from '../../commands/index.js';
import type { InteractionOutcome, LocalDiscord } from '../../local-discord/index.js';
import type { GivenOption, ParsedLine } from '../../src/cli/chat-line.js';
import { parseChatLine, requireAll } from '../../src/cli/chat-line.js';
import { lineAutocompleteInvocation, lineInvocation } from '../../src/cli/interaction.js';
import { publish } from '../../src/cli/publish.js';
import { UsageError } from '../../src/cli/usage.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction, type CommandInvocation } from '../../src/discord/interaction-payloads.js';
import { messageOf, pressable, renderChannelPost, renderReply } from './render.js';

export const QUIT = '/quit';
const PUBLISH = 'publish';
const META = [QUIT, ':lang', ':help', PUBLISH];

/** The person at the prompt moderates the demo server: /alerts is theirs to use. */
const MODERATOR =
  PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

/** How long `publish` waits for the alert to arrive in a subscribed channel. */
const ALERT_WAIT_MS = 15_000;

export interface DemoOptions {
  /** The data folder the bot watches; `publish FILE` adds articles to it. Without it, publish is off. */
  dataDir?: string;
  /** The article `publish` adds when no file is named. */
  sampleArticle?: string;
  alertWaitMs?: number;
}

export interface LineResult {
  output: string;
  quit?: boolean;
}

/** What Tab does: replace the line, and/or show the possibilities. */
export interface Completion {
  line?: string;
  shown: string[];
}

const LOCALES = new Map<string, Locale>(Object.values(Locale).map((locale) => [locale, locale]));

/** `de`, `en` or any Discord locale such as `en-GB`. */
export function parseLocale(text: string): Locale | undefined {
  const wanted = text.trim();
  return wanted === 'en' ? Locale.EnglishUS : LOCALES.get(wanted);
}

type CommandInvocationOptions = CommandInvocation['options'];

const definitions = createCommands().map((command) => command.definition);

export function helpText(): string {
  const lines = definitions.map((d) => `  /${d.name.padEnd(10)} ${d.description}`);
  return [
    'Slash commands, typed as in Discord (Tab completes names and values):',
    ...lines,
    '  e.g. /alliance name:csto, /expert barbieri, /summary',
    'You moderate the demo server, so /alerts works: /alerts add topic:csto channel:#news subscribes its #news channel,',
    `  and "${PUBLISH} FILE" publishes an article as \`lagebild publish\` does (plain "${PUBLISH}": a demo article on the CSTO);`,
    '  the alert then arrives in #news, shown here.',
    `Also: a number presses a button of the last reply; :lang de|en switches language; ${QUIT} or Ctrl-D ends.`,
  ].join('\n');
}

function commonPrefix(words: readonly string[]): string {
  const [first = '', ...rest] = words;
  let length = first.length;
  for (const word of rest) while (!word.startsWith(first.slice(0, length))) length -= 1;
  return first.slice(0, length);
}

const quoted = (text: string): string => (/\s/.test(text) ? `"${text}"` : text);

/** The line in `name:value` form, with `focus` set to `value`. */
function lineWith(parsed: ParsedLine, focus: GivenOption, value: string): string {
  const given = parsed.given.some((g) => g.option === focus.option) ? parsed.given : [...parsed.given, focus];
  const options = given.map((g) => `${g.option.name}:${quoted(g.option === focus.option ? value : g.text)}`);
  return [`/${parsed.definition.name}`, ...parsed.path, ...options].join(' ');
}

/** The answer as the user sees it: a deferred reply shows its follow-up. */
function shownAnswer(outcome: InteractionOutcome): APIInteractionResponse {
  return outcome.message === undefined
    ? outcome.callback
    : { type: InteractionResponseType.ChannelMessageWithSource, data: outcome.message as APIInteractionResponseCallbackData };
}

export class DemoSession {
  /** The last reply with buttons, for pressing them. */
  private lastWithButtons: APIInteractionResponse | undefined;
  /** Channel posts already shown (the stand-in keeps every message the bot created). */
  private shownPosts = new Set<string>();

  constructor(
    private readonly discord: LocalDiscord,
    public locale: Locale,
    private readonly options: DemoOptions = {},
  ) {
    for (const post of this.channelPosts()) this.shownPosts.add(post.id);
  }

  private place() {
    const base = this.discord.guildPlace();
    return { ...base, locale: this.locale, ...(base.guild ? { guild: { ...base.guild, memberPermissions: MODERATOR } } : {}) };
  }

  private guild() {
    const id = this.discord.guildPlace().guild?.id;
    return [...this.discord.world.guilds.values()].find((g) => g.id === id);
  }

  /** Messages the bot posted into channels itself (alerts, notices), not replies to interactions. */
  private channelPosts(): APIMessage[] {
    return this.discord.messages.filter((m) => m.webhook_id === undefined);
  }

  /** Channel posts not shown yet, rendered with their channel. */
  private newPosts(): string[] {
    const fresh = this.channelPosts().filter((m) => !this.shownPosts.has(m.id));
    for (const post of fresh) this.shownPosts.add(post.id);
    const guild = this.guild();
    return fresh.map((post) => renderChannelPost(post, guild?.channels.find((c) => c.id === post.channel_id)?.name ?? post.channel_id));
  }

  async handle(input: string): Promise<LineResult> {
    const line = input.trim();
    try {
      if (line === '') return { output: '' };
      if (line === QUIT) return { output: 'Bye.', quit: true };
      if (line === ':help') return { output: helpText() };
      if (line.startsWith(':lang')) return { output: this.switchLanguage(line.slice(':lang'.length)) };
      if (/^:?publish(\s|$)/.test(line)) return { output: await this.publish(line.replace(/^:?publish/, '').trim()) };
      if (/^\d+$/.test(line)) return { output: this.withPosts(await this.press(Number(line))) };
      if (line.startsWith('/')) return { output: this.withPosts(await this.command(line)) };
      return { output: 'Type a slash command such as /alliance name:csto (:help lists them).' };
    } catch (error) {
      if (error instanceof UsageError) return { output: `Cannot send that: ${error.message}` };
      throw error;
    }
  }

  private switchLanguage(argument: string): string {
    const locale = parseLocale(argument);
    if (locale === undefined) return `Unknown locale "${argument.trim()}": use de, en or a Discord locale such as en-GB.`;
    this.locale = locale;
    return `Your Discord locale is now ${locale}.`;
  }

  /** The answer, then anything the bot posted into a channel meanwhile (a test alert); channel mentions by name. */
  private withPosts(output: string): string {
    const channels = this.guild()?.channels ?? [];
    const named = (text: string) => text.replace(/<#(\d+)>/g, (mention, id: string) => `#${channels.find((c) => c.id === id)?.name ?? mention}`);
    return named([output, ...this.newPosts()].join('\n'));
  }

  private async command(line: string): Promise<string> {
    const parsed = parseChatLine(line, definitions);
    requireAll(parsed);
    // The typed option tree from the CLI's parser, sent from the demo's place in the stand-in;
    // channels and roles typed by name (#news, @role) become ids, resolved as Discord does.
    const invocation = lineInvocation(parsed);
    const { options, resolved } = this.resolveMentions(invocation.options);
    const payload = chatInputInteraction(this.place(), { ...invocation, ...(options === undefined ? {} : { options }) });
    const outcome = await this.discord.sendInteraction(resolved === undefined ? payload : { ...payload, data: { ...payload.data, resolved } });
    return this.show(shownAnswer(outcome));
  }

  /** Channel and role options typed by name or id: the id, and what Discord resolves for it. */
  private resolveMentions(options: CommandInvocationOptions): { options?: CommandInvocationOptions; resolved?: APIInteractionDataResolved } {
    if (options === undefined || !Array.isArray(options)) return { options };
    const guild = this.guild();
    const resolved: APIInteractionDataResolved = {};
    const leaves = (options as readonly APIApplicationCommandInteractionDataBasicOption[]).map((leaf) => {
      if (leaf.type === ApplicationCommandOptionType.Channel) {
        const wanted = leaf.value.replace(/^#/, '');
        const channel = guild?.channels.find((c) => c.id === wanted || c.name === wanted);
        if (channel === undefined) {
          throw new UsageError(`there is no channel #${wanted} (channels: ${(guild?.channels ?? []).map((c) => `#${c.name}`).join(', ')})`);
        }
        resolved.channels = {
          ...resolved.channels,
          [channel.id]: { id: channel.id, type: channel.type, name: channel.name, permissions: String(MODERATOR) } as never,
        };
        return { ...leaf, value: channel.id };
      }
      if (leaf.type === ApplicationCommandOptionType.Role) {
        const wanted = leaf.value.replace(/^@/, '');
        const role = guild?.roles.find((r) => r.id === wanted || r.name === wanted || r.name === `@${wanted}`);
        if (role === undefined) throw new UsageError(`there is no role @${wanted} (roles: ${(guild?.roles ?? []).map((r) => r.name).join(', ')})`);
        resolved.roles = { ...resolved.roles, [role.id]: role };
        return { ...leaf, value: role.id };
      }
      return leaf;
    });
    return { options: leaves, ...(Object.keys(resolved).length === 0 ? {} : { resolved }) };
  }

  /** `publish [FILE]`: what `lagebild publish FILE` does, into the bot's data folder; then the alert as it arrives. */
  private async publish(file: string): Promise<string> {
    const { dataDir, sampleArticle } = this.options;
    const path = file === '' ? sampleArticle : file;
    if (dataDir === undefined || path === undefined) return 'Publishing is not available in this session.';
    let printed = '';
    const io = { out: (text: string) => void (printed += text), err: (text: string) => void (printed += text) };
    const code = await publish.run([path, '--data', dataDir], io);
    if (code !== 0) return printed.trimEnd();
    const posts = await this.waitForPosts(this.options.alertWaitMs ?? ALERT_WAIT_MS);
    const none = 'No alert arrived: is a channel subscribed to its topics? (/alerts add topic:csto channel:#news, then publish another article)';
    return this.withPosts([printed.trimEnd(), ...(posts.length === 0 ? [none] : posts)].join('\n'));
  }

  /** Channel posts as they arrive, after a short quiet spell; none within `timeoutMs`. */
  private async waitForPosts(timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const posts: string[] = [];
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const fresh = this.newPosts();
      if (fresh.length > 0) {
        posts.push(...fresh);
        quietSince = Date.now();
      } else if (posts.length > 0 && Date.now() - quietSince > 1_000) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return posts;
  }

  private async press(n: number): Promise<string> {
    const message = this.lastWithButtons;
    const button = message === undefined ? undefined : pressable(message)[n - 1];
    if (message === undefined || button === undefined) return `There is no button [${n}] to press.`;
    const payload = buttonInteraction(this.place(), { customId: button.custom_id, message: { embeds: messageOf(message)?.embeds ?? [] } });
    return this.show(shownAnswer(await this.discord.sendInteraction(payload)));
  }

  private show(response: APIInteractionResponse): string {
    if (pressable(response).length > 0) this.lastWithButtons = response;
    return renderReply(response);
  }

  /** Command names locally; option values from the bot's autocomplete. */
  async complete(line: string): Promise<Completion> {
    if (!/\s/.test(line)) {
      const names = [...definitions.map((d) => `/${d.name}`), ...META].filter((name) => name.startsWith(line));
      if (names.length === 1) return { line: `${names[0]} `, shown: [] };
      const prefix = commonPrefix(names);
      return prefix.length > line.length ? { line: prefix, shown: names } : { shown: names };
    }
    let parsed: ParsedLine;
    try {
      parsed = parseChatLine(line, definitions);
    } catch {
      return { shown: [] };
    }
    const next = parsed.options.find((o) => !parsed.given.some((g) => g.option === o));
    const focus = /\s$/.test(line) ? (next === undefined ? undefined : { option: next, text: '' }) : parsed.given.at(-1);
    if (focus === undefined) return { shown: [] };
    const choices = await this.choices(parsed, focus);
    const only = choices.length === 1 ? choices[0] : undefined;
    if (only !== undefined) return { line: lineWith(parsed, focus, String(only.value)), shown: [] };
    return { shown: choices.map((c) => `${c.name}  →  ${c.value}`) };
  }

  private async choices(parsed: ParsedLine, focus: GivenOption): Promise<APIApplicationCommandOptionChoice[]> {
    const { callback } = await this.discord.sendInteraction(autocompleteInteraction(this.place(), lineAutocompleteInvocation(parsed, focus)));
    return callback.type === InteractionResponseType.ApplicationCommandAutocompleteResult ? (callback.data.choices ?? []) : [];
  }
}
