// The production build (tsconfig.build.json, what `npm run build` and `prepare` compile) holds
// only what `npm start` and the CLI run: a file of src/ or commands/ that imported a bench,
// a script, the stand-in or a test would pull it into dist/ and this fails.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

function programFiles(config: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, config),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error(`cannot read ${config}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return program
    .getSourceFiles()
    .map((file) => relative(ROOT, file.fileName))
    .filter((file) => !file.startsWith('node_modules/'));
}

describe('production build', () => {
  it('compiles src/ and commands/ only, including everything bin/lagebild.js and npm start load', () => {
    const files = programFiles('tsconfig.build.json');
    expect(files.filter((file) => !/^(src|commands)\//.test(file))).toEqual([]);
    expect(files).toContain('src/main.ts');
    expect(files).toContain('src/cli/main.ts');
  });
});
