// Rules from Discord's docs that its OpenAPI spec does not express (see
// vendor/discord-api-spec/SOURCE.md, "Known gaps"). Each check names the offending field by a
// JSON pointer into the request body.
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionResponseType, Locale, MessageFlags } from 'discord-api-types/v10';

export interface Violation {
  /** JSON pointer into the request body, `/` for the body itself. */
  path: string;
  message: string;
}

type JsonObject = Record<string, unknown>;

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_COMMAND_CHARS = 8000;
const MAX_CONTENT = 2000;
const MAX_EMBED_TOTAL = 6000;

/** Every field Discord knows on a message body (channel message, webhook, interaction reply):
 * discord.js sends `tts` and `enforce_nonce` on all of them, and Discord ignores what does not apply. */
const MESSAGE_FIELDS = new Set([
  'content',
  'tts',
  'nonce',
  'enforce_nonce',
  'embeds',
  'components',
  'username',
  'avatar_url',
  'allowed_mentions',
  'flags',
  'message_reference',
  'attachments',
  'sticker_ids',
  'thread_name',
  'applied_tags',
  'poll',
  'shared_client_theme',
]);
const EMBED_FIELDS = new Set([
  'title',
  'type',
  'description',
  'url',
  'timestamp',
  'color',
  'footer',
  'image',
  'thumbnail',
  'video',
  'provider',
  'author',
  'fields',
]);
const EMBED_FIELD_FIELDS = new Set(['name', 'value', 'inline']);
const ALLOWED_MENTIONS_FIELDS = new Set(['parse', 'roles', 'users', 'replied_user']);

/** Embed text limits, in characters, from Discord's docs. */
const EMBED_LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footerText: 2048, authorName: 256 };

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** Discord counts characters (code points), not UTF-16 units. */
// eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are what Discord counts, and what spreading a string yields
const chars = (value: unknown): number => [...text(value)].length;
/** A scalar as the text Discord would count or compare; anything else counts as empty. */
const scalarText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
const pointer = (base: string, ...keys: (string | number)[]): string => [base, ...keys].join('/');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

class Report {
  readonly violations: Violation[] = [];

  add(path: string, message: string): void {
    this.violations.push({ path: path || '/', message });
  }

  unknownFields(value: JsonObject, known: ReadonlySet<string>, base: string): void {
    for (const key of Object.keys(value)) {
      if (!known.has(key)) this.add(pointer(base, key), 'is not a field Discord knows here (misspelled?)');
    }
  }

  lengthWithin(value: unknown, max: number, path: string, min = 0): void {
    if (value === undefined || value === null) return;
    const n = chars(value);
    if (n < min || n > max) this.add(path, `must be ${min}–${max} characters long (is ${n})`);
  }

  maxItems(value: unknown, max: number, path: string): void {
    if (list(value).length > max) this.add(path, `must have at most ${max} items (has ${list(value).length})`);
  }
}

// ---- Application commands -------------------------------------------------------------

function checkLocalizations(report: Report, owner: JsonObject, field: string, base: string, check: (value: unknown, path: string) => void): void {
  const localizations = owner[`${field}_localizations`];
  if (!isObject(localizations)) return;
  for (const [locale, value] of Object.entries(localizations)) {
    const path = pointer(base, `${field}_localizations`, locale);
    if (!LOCALES.has(locale)) report.add(path, `"${locale}" is not one of Discord's locales`);
    check(value, path);
  }
}

/** The longest of a field and its localizations, as Discord counts toward the 8000 limit. */
function longest(owner: JsonObject, field: string): number {
  const localizations = owner[`${field}_localizations`];
  const values = isObject(localizations) ? Object.values(localizations) : [];
  return Math.max(chars(owner[field]), ...values.map(chars));
}

function checkChatInputName(report: Report, value: unknown, path: string): void {
  const name = text(value);
  if (!NAME_PATTERN.test(name)) report.add(path, `"${name}" must match ${NAME_PATTERN} (1–32 letters, digits, - _ ')`);
  else if (name !== name.toLowerCase()) report.add(path, `"${name}" must be lowercase`);
}

function checkDescription(report: Report, owner: JsonObject, base: string, required: boolean): void {
  const path = pointer(base, 'description');
  if (owner.description === undefined || owner.description === null) {
    if (required) report.add(path, 'is required (1–100 characters)');
  } else {
    report.lengthWithin(owner.description, 100, path, 1);
  }
  checkLocalizations(report, owner, 'description', base, (value, at) => report.lengthWithin(value, 100, at, 1));
}

const isSubcommandLike = (type: unknown): boolean =>
  type === ApplicationCommandOptionType.Subcommand || type === ApplicationCommandOptionType.SubcommandGroup;

/** Checks one level of options and recurses into subcommands; returns the characters counted. */
function checkOptions(report: Report, options: unknown, base: string): number {
  const path = pointer(base, 'options');
  report.maxItems(options, MAX_OPTIONS, path);
  let total = 0;
  let optionalSeen = false;
  const names = new Set<string>();
  list(options).forEach((option, i) => {
    if (!isObject(option)) return;
    const at = pointer(path, i);
    checkChatInputName(report, option.name, pointer(at, 'name'));
    checkLocalizations(report, option, 'name', at, (value, p) => checkChatInputName(report, value, p));
    checkDescription(report, option, at, true);
    if (names.has(text(option.name))) report.add(pointer(at, 'name'), `"${text(option.name)}" is used twice at this level`);
    names.add(text(option.name));
    total += longest(option, 'name') + longest(option, 'description');
    if (isSubcommandLike(option.type)) {
      total += checkOptions(report, option.options, at);
      return;
    }
    if (option.required === true && optionalSeen) report.add(pointer(at, 'required'), 'required options must come before optional ones');
    if (option.required !== true) optionalSeen = true;
    if (option.autocomplete === true && list(option.choices).length > 0) {
      report.add(pointer(at, 'autocomplete'), 'cannot be combined with choices');
    }
    total += checkChoices(report, option.choices, pointer(at, 'choices'));
  });
  return total;
}

function checkChoices(report: Report, choices: unknown, path: string): number {
  report.maxItems(choices, MAX_CHOICES, path);
  let total = 0;
  list(choices).forEach((choice, i) => {
    if (!isObject(choice)) return;
    const at = pointer(path, i);
    report.lengthWithin(choice.name, 100, pointer(at, 'name'), 1);
    checkLocalizations(report, choice, 'name', at, (value, p) => report.lengthWithin(value, 100, p, 1));
    if (typeof choice.value === 'string') report.lengthWithin(choice.value, 100, pointer(at, 'value'));
    total += longest(choice, 'name') + chars(scalarText(choice.value));
  });
  return total;
}

/** Checks one command definition; `partial` for PATCH bodies, where fields may be absent. */
function commandViolations(report: Report, command: unknown, base: string, partial: boolean): void {
  if (!isObject(command)) return;
  const type = command.type ?? ApplicationCommandType.ChatInput;
  if (type !== ApplicationCommandType.ChatInput) return;
  if (command.name !== undefined || !partial) {
    checkChatInputName(report, command.name, pointer(base, 'name'));
  }
  checkLocalizations(report, command, 'name', base, (value, p) => checkChatInputName(report, value, p));
  checkDescription(report, command, base, !partial);
  const total = longest(command, 'name') + longest(command, 'description') + checkOptions(report, command.options, base);
  if (total > MAX_COMMAND_CHARS) {
    report.add(base, `the command has ${total} characters counting its longest localizations (at most ${MAX_COMMAND_CHARS})`);
  }
}

function bulkCommandViolations(report: Report, commands: unknown): void {
  const seen = new Set<string>();
  list(commands).forEach((command, i) => {
    commandViolations(report, command, pointer('', i), false);
    if (!isObject(command)) return;
    const key = `${scalarText(command.type ?? ApplicationCommandType.ChatInput)}:${text(command.name)}`;
    if (seen.has(key)) report.add(pointer('', i, 'name'), `"${text(command.name)}" is defined twice`);
    seen.add(key);
  });
}

// ---- Messages ---------------------------------------------------------------------------

/**
 * Discord reads an embed timestamp into a Python datetime: years 0001 to 9999 only, and it
 * answers 400 "Could not parse …. Should be ISO8601." for anything else. The spec's
 * date-time format already refuses expanded years (JavaScript's "+010000-…", "-000001-…");
 * year 0000, which date-time lets through, is refused here.
 */
function checkEmbedTimestamp(report: Report, timestamp: unknown, at: string): void {
  if (typeof timestamp === 'string' && /^0000-/.test(timestamp)) {
    report.add(at, `Could not parse ${timestamp}. Should be ISO8601. (years 0001 to 9999 only)`);
  }
}

function checkEmbed(report: Report, embed: JsonObject, at: string): number {
  report.unknownFields(embed, EMBED_FIELDS, at);
  checkEmbedTimestamp(report, embed.timestamp, pointer(at, 'timestamp'));
  report.lengthWithin(embed.title, EMBED_LIMITS.title, pointer(at, 'title'));
  report.lengthWithin(embed.description, EMBED_LIMITS.description, pointer(at, 'description'));
  let total = chars(text(embed.title).trim()) + chars(text(embed.description).trim());
  if (isObject(embed.footer)) {
    report.lengthWithin(embed.footer.text, EMBED_LIMITS.footerText, pointer(at, 'footer', 'text'));
    total += chars(text(embed.footer.text).trim());
  }
  if (isObject(embed.author)) {
    report.lengthWithin(embed.author.name, EMBED_LIMITS.authorName, pointer(at, 'author', 'name'));
    total += chars(text(embed.author.name).trim());
  }
  report.maxItems(embed.fields, 25, pointer(at, 'fields'));
  list(embed.fields).forEach((field, i) => {
    if (!isObject(field)) return;
    const fieldAt = pointer(at, 'fields', i);
    report.unknownFields(field, EMBED_FIELD_FIELDS, fieldAt);
    report.lengthWithin(field.name, EMBED_LIMITS.fieldName, pointer(fieldAt, 'name'), 1);
    report.lengthWithin(field.value, EMBED_LIMITS.fieldValue, pointer(fieldAt, 'value'), 1);
    total += chars(text(field.name).trim()) + chars(text(field.value).trim());
  });
  return total;
}

function checkAllowedMentions(report: Report, mentions: unknown, base: string): void {
  if (!isObject(mentions)) return;
  const at = pointer(base, 'allowed_mentions');
  report.unknownFields(mentions, ALLOWED_MENTIONS_FIELDS, at);
  const parse = list(mentions.parse);
  for (const kind of ['roles', 'users'] as const) {
    if (parse.includes(kind) && list(mentions[kind]).length > 0) {
      report.add(pointer(at, 'parse'), `"${kind}" in parse cannot be combined with a ${kind} list`);
    }
  }
}

/** `create`: a new message must carry something to show (error 50006 otherwise). */
function messageViolations(report: Report, message: unknown, base: string, create: boolean): void {
  if (!isObject(message)) {
    if (create) report.add(base, 'a message needs content, embeds or components (50006: Cannot send an empty message)');
    return;
  }
  report.unknownFields(message, MESSAGE_FIELDS, base);
  report.lengthWithin(message.content, MAX_CONTENT, pointer(base, 'content'));
  let total = 0;
  list(message.embeds).forEach((embed, i) => {
    if (isObject(embed)) total += checkEmbed(report, embed, pointer(base, 'embeds', i));
  });
  if (total > MAX_EMBED_TOTAL) {
    report.add(pointer(base, 'embeds'), `embeds have ${total} characters in total (at most ${MAX_EMBED_TOTAL})`);
  }
  checkAllowedMentions(report, message.allowed_mentions, base);
  if (typeof message.nonce === 'string') report.lengthWithin(message.nonce, 25, pointer(base, 'nonce'));
  const hasBody = ['embeds', 'components', 'attachments', 'sticker_ids'].some((key) => list(message[key]).length > 0);
  if (create && !hasBody && chars(message.content) === 0 && !isObject(message.poll)) {
    report.add(base, 'a message needs content, embeds or components (50006: Cannot send an empty message)');
  }
}

// ---- Interaction callbacks --------------------------------------------------------------

function callbackViolations(report: Report, body: unknown): void {
  if (!isObject(body)) return;
  const data = body.data;
  switch (body.type) {
    case InteractionResponseType.ChannelMessageWithSource:
      messageViolations(report, data, '/data', true);
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource:
      if (isObject(data) && typeof data.flags === 'number' && (data.flags & ~MessageFlags.Ephemeral) !== 0) {
        report.add('/data/flags', 'a deferred reply may only set the EPHEMERAL flag (64)');
      }
      break;
    case InteractionResponseType.UpdateMessage:
      messageViolations(report, data, '/data', false);
      break;
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      if (isObject(data)) checkChoices(report, data.choices, '/data/choices');
      break;
    default:
      break;
  }
}

/** The documented rules for one request; `template` is the spec's path template. */
export function documentedRuleViolations(method: string, template: string, body: unknown): Violation[] {
  const report = new Report();
  const route = `${method} ${template}`;
  if (/^POST \/applications\/\{application_id\}(\/guilds\/\{guild_id\})?\/commands$/.test(route)) {
    commandViolations(report, body, '', false);
  } else if (/^PATCH \/applications\/\{application_id\}(\/guilds\/\{guild_id\})?\/commands\/\{command_id\}$/.test(route)) {
    commandViolations(report, body, '', true);
  } else if (/^PUT \/applications\/\{application_id\}(\/guilds\/\{guild_id\})?\/commands$/.test(route)) {
    bulkCommandViolations(report, body);
  } else if (route === 'POST /interactions/{interaction_id}/{interaction_token}/callback') {
    callbackViolations(report, body);
  } else if (route === 'POST /webhooks/{webhook_id}/{webhook_token}' || route === 'POST /channels/{channel_id}/messages') {
    messageViolations(report, body, '', true);
  } else if (/^PATCH \/(webhooks\/\{webhook_id\}\/\{webhook_token\}|channels\/\{channel_id\})\/messages\//.test(route)) {
    messageViolations(report, body, '', false);
  }
  return report.violations;
}
