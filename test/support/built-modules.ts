// Node runs worker threads from compiled JavaScript only, so tests of code that starts
// workers load the build in dist/ (`npm test` builds first). These check the build is
// there and not older than its source, and import from it.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

/** Throws unless each source file (a path in the project without its extension, e.g. `src/news/news-sync`) is built and up to date. */
export function assertBuilt(paths: readonly string[]): void {
  for (const path of paths) {
    const built = fileURLToPath(new URL(`dist/${path}.js`, root));
    const dist = statSync(built, { throwIfNoEntry: false });
    if (!dist || dist.mtimeMs < statSync(fileURLToPath(new URL(`${path}.ts`, root))).mtimeMs) {
      throw new Error(`${built} is missing or older than its source: run npm run build`);
    }
  }
}

/** The built module of a source file (as assertBuilt names it). */
export async function importBuilt<T>(path: string): Promise<T> {
  return (await import(fileURLToPath(new URL(`dist/${path}.js`, root)))) as T;
}
