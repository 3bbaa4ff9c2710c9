// Which part of the bot may import which, as one table: the README's map
// ("What may import what") quotes each rule's `says` word for word, and
// imports.test.ts checks both that the code keeps the rules and that the
// README still says them.
//
// A layer is a top-level folder of the repository (`commands`, `bench`, …)
// or a folder or file directly under `src/` (`src/render`, `src/main.ts`).
// Imports are counted directly: every `import`, `import type`, `export … from`,
// `import()` and `import('…')` type of a .ts file, resolved relative to it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

import ts from 'typescript';

export type Layer = string;

export interface ImportRule {
  /** The rule in one line, as the README says it. */
  readonly says: string;
  /** Layers the rule applies to; `src` stands for every layer under `src/`. */
  readonly from: readonly Layer[];
  /** Layers those may not import (`src` again for all of `src/`); a layer may always import itself. */
  readonly mayNotImport?: readonly Layer[];
  /** Alternatively: the only layers under `src/` they may import; anything outside `src/` is not this rule's business. */
  readonly mayImportFromSrcOnly?: readonly Layer[];
}

const PURE = ['commands', 'src/knowledge', 'src/draft', 'src/render', 'src/i18n'];
const ADAPTERS = ['src/gateway', 'src/http', 'src/cli'];

/** The rules by name; IMPORT_RULES lists them in the README's order. */
export const RULES = {
  dispatcher: {
    says: 'src/interactions (the dispatcher) imports from src/ nothing but src/knowledge, src/render and src/i18n: not src/alerts, src/discord, src/transport, src/logging, an adapter or the composition root',
    from: ['src/interactions'],
    mayImportFromSrcOnly: ['src/interactions', 'src/knowledge', 'src/render', 'src/i18n'],
  },
  pureLayers: {
    says: 'commands/, src/knowledge, src/draft, src/render and src/i18n import none of src/store, src/gateway, src/http, src/cli, src/config, src/app and src/main.ts',
    from: PURE,
    mayNotImport: ['src/store', 'src/gateway', 'src/http', 'src/cli', 'src/config', 'src/app', 'src/main.ts'],
  },
  renderBelowDispatcher: {
    says: 'src/render imports nothing from src/interactions: the reply type belongs to rendering',
    from: ['src/render'],
    mayNotImport: ['src/interactions'],
  },
  adaptersApart: {
    says: 'the adapters src/gateway, src/http and src/cli do not import each other',
    from: ADAPTERS,
    mayNotImport: ADAPTERS,
  },
  noToolsInTheBot: {
    says: 'nothing in src/ or commands/ imports bench/, scripts/, local-discord/ or test/',
    from: ['src', 'commands'],
    mayNotImport: ['bench', 'scripts', 'local-discord', 'test'],
  },
} as const satisfies Record<string, ImportRule>;

export const IMPORT_RULES: readonly ImportRule[] = Object.values(RULES);

/** The one layer allowed to read `process.env`, and what is scanned for readers (the bot; tests, benches and scripts set up processes of their own). */
export const ENV_RULE = {
  says: 'only src/config reads process.env (checked in src/ and commands/)',
  readers: ['src/config'] as readonly Layer[],
  scanned: ['src', 'commands'] as readonly string[],
};

/** The layer of a repository-relative path (forward slashes), e.g. `src/render/text.ts` → `src/render`, `src/main.js` → `src/main.ts`. */
export function layerOf(path: string): Layer {
  const [first = '', second, ...rest] = path.split('/');
  if (first !== 'src' || second === undefined) return first;
  return rest.length === 0 ? `src/${second.replace(/\.js$/, '.ts')}` : `src/${second}`;
}

function covers(pattern: Layer, layer: Layer): boolean {
  return layer === pattern || layer.startsWith(`${pattern}/`);
}

export interface Import {
  /** Repository-relative path of the importing file. */
  readonly file: string;
  readonly specifier: string;
  /** Repository-relative path it resolves to; undefined for packages (`zod`, `node:fs`). */
  readonly target: string | undefined;
  readonly line: number;
}

/** Every module specifier a file names, with its 1-based line. */
export function specifiersOf(fileName: string, text: string): { specifier: string; line: number }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined): void => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
      found.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    } else if (node) {
      // A computed `import(x)` cannot be checked; name it so the test fails rather than skips it.
      found.push({ specifier: `<computed: ${node.getText(source)}>`, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The imports of one file at repository-relative `file`. */
export function importsOf(file: string, text: string): Import[] {
  return specifiersOf(file, text).map(({ specifier, line }) => ({
    file,
    specifier,
    line,
    target: specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), specifier)) : undefined,
  }));
}

/** One import that breaks a rule, as `file:line → target (rule)`. */
export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly rule: string;
}

export function violationsOf(imports: readonly Import[], rules: readonly ImportRule[] = IMPORT_RULES): Violation[] {
  const violations: Violation[] = [];
  for (const imported of imports) {
    if (imported.specifier.startsWith('<computed')) {
      violations.push({ file: imported.file, line: imported.line, target: imported.specifier, rule: 'every import names its module literally' });
      continue;
    }
    if (imported.target === undefined) continue;
    const from = layerOf(imported.file);
    const to = layerOf(imported.target);
    if (to === from) continue;
    for (const rule of rules) {
      if (!rule.from.some((pattern) => covers(pattern, from))) continue;
      const denied =
        (rule.mayNotImport?.some((pattern) => covers(pattern, to)) ?? false) ||
        (rule.mayImportFromSrcOnly !== undefined && covers('src', to) && !rule.mayImportFromSrcOnly.includes(to));
      if (denied) violations.push({ file: imported.file, line: imported.line, target: imported.target, rule: rule.says });
    }
  }
  return violations;
}

/** Where a file reads `process.env`: `process.env`, `process['env']`, `{ env } = process`, or `env` from `node:process`. */
export function envReadsOf(fileName: string, text: string): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const processNames = new Set(['process']);
  const lines: number[] = [];
  const at = (node: ts.Node): void => void lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
  const isProcess = (node: ts.Node): boolean =>
    (ts.isIdentifier(node) && processNames.has(node.text)) ||
    (ts.isPropertyAccessExpression(node) &&
      node.name.text === 'process' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'globalThis');
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && ['process', 'node:process'].includes(node.moduleSpecifier.text)) {
      const clause = node.importClause;
      if (clause?.name) processNames.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) processNames.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 'env') at(element);
      }
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) {
      at(node);
    } else if (ts.isElementAccessExpression(node) && isProcess(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
      if (node.argumentExpression.text === 'env') at(node);
    } else if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      for (const element of node.name.elements) {
        const name = element.propertyName ?? element.name;
        if ((ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === 'env') at(element);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/** Every .ts file under the given repository folders, as repository-relative paths with forward slashes. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return files.sort();
}

export function readSource(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}
