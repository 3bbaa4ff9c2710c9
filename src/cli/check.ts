// `lagebild check [DIR]`: validates a data folder, one line per problem (a
// draft's to-dos among them). `lagebild check --todo FILE`: just the to-dos of
// one draft file, as `file: path: to do: …`.
import { resolve } from 'node:path';

import { findJsonSyntaxError } from '../knowledge/json-syntax.js';
import { checkDataDir, formatProblem } from '../knowledge/load.js';
import { findTodos, todoMessage } from '../knowledge/to-do.js';
import { parseStrict } from './arguments.js';
import { type CliSubcommand, type Io, readTextFile } from './io.js';
import { defaultDataDir } from './knowledge.js';
import { UsageError } from './usage.js';

async function listTodos(file: string, io: Io): Promise<number> {
  const text = await readTextFile(file, io);
  if (text === undefined) return 1;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text) ?? { line: 1, column: 1, message: 'not valid JSON' };
    io.err(`lagebild: ${file} is not valid JSON (line ${error.line}, column ${error.column}: ${error.message})\n`);
    return 1;
  }
  const todos = findTodos(json);
  for (const found of todos) io.out(`${formatProblem({ file, path: found.path, message: todoMessage(found) })}\n`);
  if (todos.length > 0) {
    io.err(`${todos.length} to-do(s) in ${file}\n`);
    return 1;
  }
  io.out(`OK: ${file} has no to-dos\n`);
  return 0;
}

export const check: CliSubcommand = {
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { todo: { type: 'boolean' } });
    if (values.todo === true) {
      if (positionals.length !== 1) throw new UsageError('check --todo takes exactly one draft file');
      return listTodos(positionals[0]!, io);
    }
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
