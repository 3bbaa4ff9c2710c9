// Structured JSON logs with pino. Secrets are kept out twice: by path
// (redact), and by value: the token string is scrubbed from every finished
// line, which covers messages, error messages, stacks, causes and any field.
import { pino } from 'pino';

import type { LogLevel } from '../config/config.js';
import { stdoutDestination } from './stdout-destination.js';

export type Logger = pino.Logger;

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout (never blocking, see stdout-destination.ts) when absent. */
  destination?: pino.DestinationStream;
  /** Literal values (the bot token) that must never appear in a log line. */
  secrets?: readonly string[];
}

export const REDACTED = '[redacted]';

const REDACT_PATHS = ['token', '*.token', 'authorization', 'headers.authorization', '*.headers.authorization', 'config.discordToken'];

/**
 * Replaces each secret in a serialised line. A token is letters, digits, `-`,
 * `_` and `.`, which JSON never escapes, so the literal search is exact.
 */
function scrubber(secrets: readonly string[]): ((line: string) => string) | undefined {
  const present = secrets.filter((secret) => secret !== '');
  if (present.length === 0) return undefined;
  return (line) => present.reduce((out, secret) => (out.includes(secret) ? out.replaceAll(secret, REDACTED) : out), line);
}

export function createLogger({ level, destination, secrets = [] }: LoggerOptions): Logger {
  const streamWrite = scrubber(secrets);
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    // Keeps err.cause chains and extra fields (status, code) of errors.
    serializers: { err: pino.stdSerializers.errWithCause, error: pino.stdSerializers.errWithCause },
    ...(streamWrite ? { hooks: { streamWrite } } : {}),
  };
  return pino(options, destination ?? stdoutDestination());
}
