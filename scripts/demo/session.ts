// What the demo does with each typed line: slash commands go to the bot as
// interactions through the local Discord, digits press the last reply's
// buttons, `:lang` switches language; Tab asks the bot's real autocomplete.
import type { APIApplicationCommandOptionChoice, APIInteractionResponse, APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { InteractionResponseType, Locale } from 'discord-api-types/v10';

import { createCommands } from '../../commands/index.js';
import type { InteractionOutcome, LocalDiscord } from '../../local-discord/index.js';
import type { GivenOption, ParsedLine } from '../../src/cli/chat-line.js';
import { parseChatLine, requireAll } from '../../src/cli/chat-line.js';
import { lineAutocompleteInvocation, lineInvocation } from '../../src/cli/interaction.js';
import { UsageError } from '../../src/cli/usage.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { messageOf, pressable, renderReply } from './render.js';

export const QUIT = '/quit';
const META = [QUIT, ':lang', ':help'];

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

const definitions = createCommands().map((command) => command.definition);

export function helpText(): string {
  const lines = definitions.map((d) => `  /${d.name.padEnd(10)} ${d.description}`);
  return [
    'Slash commands, typed as in Discord (Tab completes names and values):',
    ...lines,
    '  e.g. /alliance name:csto, /expert barbieri, /summary',
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

  constructor(
    private readonly discord: LocalDiscord,
    public locale: Locale,
  ) {}

  private place() {
    return { ...this.discord.guildPlace(), locale: this.locale };
  }

  async handle(input: string): Promise<LineResult> {
    const line = input.trim();
    try {
      if (line === '') return { output: '' };
      if (line === QUIT) return { output: 'Bye.', quit: true };
      if (line === ':help') return { output: helpText() };
      if (line.startsWith(':lang')) return { output: this.switchLanguage(line.slice(':lang'.length)) };
      if (/^\d+$/.test(line)) return { output: await this.press(Number(line)) };
      if (line.startsWith('/')) return { output: await this.command(line) };
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

  private async command(line: string): Promise<string> {
    const parsed = parseChatLine(line, definitions);
    requireAll(parsed);
    // The typed option tree from the CLI's parser, sent from the demo's place in the stand-in.
    const outcome = await this.discord.sendInteraction(chatInputInteraction(this.place(), lineInvocation(parsed)));
    return this.show(shownAnswer(outcome));
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
