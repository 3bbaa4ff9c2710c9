// The `lagebild` command line. Each subcommand lives in its own module and is
// imported only when used, so start-up stays cheap; add new ones to the table.
import { DataError } from './data-error.js';
import type { CliSubcommand, Io } from './io.js';
import { USAGE, UsageError } from './usage.js';

const SUBCOMMANDS: Record<string, () => Promise<CliSubcommand>> = {
  ask: async () => (await import('./ask.js')).ask,
  complete: async () => (await import('./complete.js')).complete,
  check: async () => (await import('./check.js')).check,
  draft: async () => (await import('./draft.js')).draft,
  deploy: async () => (await import('./deploy.js')).deploy,
  publish: async () => (await import('./publish.js')).publish,
  feed: async () => (await import('./feed-preview.js')).feed,
  alerts: async () => (await import('./alerts-failed.js')).alerts,
};

async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  // Own keys only: `lagebild constructor` is a typo, not Object's constructor.
  const load = name === undefined || !Object.hasOwn(SUBCOMMANDS, name) ? undefined : SUBCOMMANDS[name];
  try {
    if (load === undefined) throw new UsageError(name === undefined ? 'missing subcommand' : `unknown subcommand "${name}"`);
    return await (await load()).run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`lagebild: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof DataError) {
      io.err(`lagebild: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
