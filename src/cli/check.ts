// `lagebild check [dir]`: validates a data folder, one line per problem.
import { resolve } from 'node:path';

import { checkDataDir, formatProblem } from '../knowledge/load.js';
import { parseStrict } from './arguments.js';
import type { CliSubcommand } from './io.js';
import { defaultDataDir } from './knowledge.js';
import { UsageError } from './usage.js';

export const check: CliSubcommand = {
  async run(args, io) {
    const { positionals } = parseStrict(args, {});
    if (positionals.length > 1) throw new UsageError('check takes at most one folder');
    const dir = resolve(positionals[0] ?? defaultDataDir());
    const problems = await checkDataDir(dir);
    for (const problem of problems) io.out(`${formatProblem(problem)}\n`);
    if (problems.length > 0) {
      io.err(`${problems.length} problem(s) in ${dir}\n`);
      return 1;
    }
    io.out(`OK: ${dir} has no problems\n`);
    return 0;
  },
};
