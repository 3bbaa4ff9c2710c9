// Flags shared by `ask` and `complete`, parsed strictly: a bad flag is a usage error.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { Locale } from 'discord-api-types/v10';

import { UsageError } from './usage.js';

export function parseStrict<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export interface QueryArguments {
  line: string;
  locale: Locale;
  json: boolean;
  data: string | undefined;
}

const QUERY_FLAGS = {
  locale: { type: 'string' },
  json: { type: 'boolean' },
  data: { type: 'string' },
} as const;

const LOCALES: readonly Locale[] = Object.values(Locale);

/** Discord's locale for what was typed: exact or in other case ("EN-us"), or a bare language ("en" → en-US, Discord's first English). */
function localeOf(requested: string): Locale | undefined {
  const wanted = requested.toLowerCase();
  return LOCALES.find((locale) => locale.toLowerCase() === wanted) ?? LOCALES.find((locale) => locale.toLowerCase().startsWith(`${wanted}-`));
}

/** `"/command option:value" [--locale L] [--json] [--data DIR]`; the line may span several arguments. */
export function parseQueryArguments(args: string[]): QueryArguments {
  const { values, positionals } = parseStrict(args, QUERY_FLAGS);
  if (positionals.length === 0) throw new UsageError('missing the command line, e.g. "/alliance name:csto"');
  const requested = values.locale ?? Locale.EnglishUS;
  const locale = localeOf(requested);
  if (locale === undefined) throw new UsageError(`unknown locale "${requested}" (e.g. en-US, en, de)`);
  return { line: positionals.join(' '), locale, json: values.json ?? false, data: values.data };
}
