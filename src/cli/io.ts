import { readFile } from 'node:fs/promises';

import { ConfigError } from '../config/config.js';

// Where a CLI subcommand writes; main passes the process streams, tests may pass buffers.
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CliSubcommand {
  /** Returns the exit code. */
  run(args: string[], io: Io): Promise<number>;
}

/** The dispatcher's logger for a CLI run: errors to stderr. */
export function stderrLog(io: Io) {
  return {
    error(obj: object, msg: string): void {
      const { err, ...rest } = obj as { err?: unknown };
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      io.err(`${msg} ${JSON.stringify(rest)}\n${detail}\n`);
    },
  };
}

/** A text file's content; undefined after telling why it cannot be read. */
export async function readTextFile(file: string, io: Io): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    io.err(`lagebild: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return undefined;
  }
}

/**
 * What `load` reads from the environment; undefined after telling the settings' problems
 * (their message, as `tell` words it). Errors other than bad settings are thrown.
 */
export function fromEnvironment<T>(load: () => T, io: Io, tell: (message: string) => string = (message) => message): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${tell(error.message)}\n`);
    return undefined;
  }
}
