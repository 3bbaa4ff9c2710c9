// Reads a command line as typed into Discord's chat box — "/alliance name:csto",
// "/search query:\"collective defence\"", "/alliance csto" — against the
// commands' definitions, giving the option tree a real interaction carries.
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

import { UsageError } from './usage.js';

interface Token {
  /** Set for `name:value` tokens whose colon was outside quotes. */
  option?: string;
  text: string;
}

const OPTION_NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;

/** Splits on whitespace outside double quotes; quotes group and are dropped. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let option: string | undefined;
  let quoted = false;
  let started = false;
  const finish = (): void => {
    if (started) tokens.push(option === undefined ? { text } : { option, text });
    text = '';
    option = undefined;
    started = false;
  };
  for (const char of line) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      finish();
    } else if (!quoted && char === ':' && option === undefined && OPTION_NAME.test(text)) {
      option = text;
      text = '';
    } else {
      text += char;
      started = true;
    }
  }
  if (quoted) throw new UsageError('unbalanced double quote');
  finish();
  return tokens;
}

export interface GivenOption {
  option: APIApplicationCommandBasicOption;
  text: string;
}

export interface ParsedLine {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Subcommand group and subcommand names, outermost first. */
  path: string[];
  /** The options the command (or subcommand) takes. */
  options: readonly APIApplicationCommandBasicOption[];
  /** In the order they were first given. */
  given: GivenOption[];
}

const matches = (item: { name: string; name_localizations?: Partial<Record<string, string | null>> | null }, word: string): boolean =>
  item.name === word.toLowerCase() || Object.values(item.name_localizations ?? {}).some((n) => n === word.toLowerCase());

const isSubcommand = (o: APIApplicationCommandOption): boolean =>
  o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;

export function parseChatLine(line: string, definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[]): ParsedLine {
  const [head, ...rest] = tokenize(line);
  if (head === undefined || head.option !== undefined || !head.text.startsWith('/')) {
    throw new UsageError('the command line must start with a slash command, e.g. "/alliance name:csto"');
  }
  const commandName = head.text.slice(1);
  const definition = definitions.find((d) => matches(d, commandName));
  if (definition === undefined) {
    throw new UsageError(`unknown slash command /${commandName} (known: ${definitions.map((d) => `/${d.name}`).join(', ')})`);
  }
  const path: string[] = [];
  let options: readonly APIApplicationCommandOption[] = definition.options ?? [];
  while (options.some(isSubcommand)) {
    const word = rest.shift();
    const sub = word?.option === undefined ? options.find((o) => isSubcommand(o) && matches(o, word?.text ?? '')) : undefined;
    if (sub === undefined || !('options' in sub)) {
      throw new UsageError(`/${path.length === 0 ? definition.name : path.join(' ')} needs one of: ${options.map((o) => o.name).join(', ')}`);
    }
    path.push(sub.name);
    options = sub.options ?? [];
  }
  const leaves = options as readonly APIApplicationCommandBasicOption[];
  const given: GivenOption[] = [];
  let current: GivenOption | undefined;
  for (const token of rest) {
    const named = token.option === undefined ? undefined : leaves.find((o) => matches(o, token.option ?? ''));
    if (named !== undefined) {
      current = given.find((g) => g.option === named);
      if (current === undefined) given.push((current = { option: named, text: '' }));
      current.text = token.text;
    } else if (current !== undefined) {
      // Like the chat box, a value runs on until the next option.
      current.text += ` ${token.option === undefined ? '' : `${token.option}:`}${token.text}`;
    } else if (token.option !== undefined) {
      throw new UsageError(`/${definition.name} has no option "${token.option}" (options: ${leaves.map((o) => o.name).join(', ') || 'none'})`);
    } else {
      // The first required option not given yet; a command with one option only takes it whether required or not (/news armenia).
      const open = leaves.filter((o) => !given.some((g) => g.option === o));
      const bare = open.find((o) => o.required === true) ?? (leaves.length === 1 ? open[0] : undefined);
      if (bare === undefined) throw new UsageError(`unexpected value "${token.text}": name the option, e.g. ${leaves[0]?.name ?? 'name'}:value`);
      given.push((current = { option: bare, text: token.text }));
    }
  }
  return { definition, path, options: leaves, given };
}

/** Fails with a usage message when a required option is missing. */
export function requireAll(parsed: ParsedLine): void {
  const missing = parsed.options.filter((o) => o.required === true && !parsed.given.some((g) => g.option === o));
  if (missing.length > 0) throw new UsageError(`missing argument: ${missing.map((o) => `${o.name}:…`).join(' ')}`);
}
