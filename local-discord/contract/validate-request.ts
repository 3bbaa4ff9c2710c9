// Validates request bodies against Discord's OpenAPI spec (vendor/discord-api-spec) plus the
// documented rules the spec lacks (documented-rules.ts). Used by the local stand-in for every
// request and by tests for command definitions and replies.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

import type { Violation } from './documented-rules.js';
import { documentedRuleViolations, isObject } from './documented-rules.js';

// Both packages are CommonJS with `exports.default`; NodeNext types see the module object.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

const SPEC_FILE = join('vendor', 'discord-api-spec', 'openapi.json');
const SPEC_ID = 'discord-openapi';
const SCHEMA_REF = '#/components/schemas/';
const INT_STRING_PATTERN = '^-?[0-9]+$';

type JsonObject = Record<string, unknown>;

interface SpecOperation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
}

interface Spec {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: JsonObject };
}

export interface RouteMatch {
  /** The spec's path template, e.g. `/channels/{channel_id}/messages`. */
  template: string;
  params: Record<string, string>;
}

interface Template {
  template: string;
  segments: string[];
  literals: number;
}

interface Loaded {
  spec: Spec;
  ajv: InstanceType<typeof Ajv2020>;
  templates: Template[];
  validators: Map<string, ValidateFunction | null>;
}

let loaded: Loaded | undefined;

/** Finds the vendored spec from here, whether running from the sources or from dist/. */
function findSpecFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, SPEC_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${SPEC_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function typesOf(schema: JsonObject): string[] {
  const { type } = schema;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

const refTarget = (ref: string): string => `${SPEC_ID}#/$defs/${ref.slice(SCHEMA_REF.length)}`;

/** The values a component schema allows for its `type` property (`enum` or `const`). */
function typeValues(schemas: JsonObject, branch: unknown): unknown[] | undefined {
  if (!isObject(branch) || typeof branch.$ref !== 'string' || !branch.$ref.startsWith(SCHEMA_REF)) return undefined;
  const target = schemas[branch.$ref.slice(SCHEMA_REF.length)];
  const type = isObject(target) && isObject(target.properties) ? target.properties.type : undefined;
  if (!isObject(type)) return undefined;
  if (Array.isArray(type.enum)) return type.enum as unknown[];
  return 'const' in type ? [type.const] : undefined;
}

/**
 * A union whose branches are told apart by `type` (callbacks, options, components) becomes
 * if/then per branch, so a bad body is reported by the field that is wrong in its own branch
 * instead of by every branch that does not apply.
 */
function discriminate(schemas: JsonObject, branches: unknown[]): JsonObject | undefined {
  const cases = branches.map((branch) => ({ branch, values: typeValues(schemas, branch) }));
  const all = cases.flatMap((c) => c.values ?? []);
  if (cases.length < 2 || cases.some((c) => !c.values) || new Set(all).size !== all.length) return undefined;
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: all } },
    allOf: cases.map(({ branch, values }) => ({
      if: { required: ['type'], properties: { type: { enum: values } } },
      then: { $ref: refTarget(String((branch as JsonObject).$ref)) },
    })),
  };
}

/**
 * Rewrites the spec's refs to the registered schema, turns `type`-tagged unions into
 * if/then, and lets integer fields take int-parseable strings as Discord does ("32" for
 * default_member_permissions) — except enums, and integer branches of a union that also has
 * a string branch (nonce), where the widening would make `oneOf` ambiguous.
 */
function adapt(schemas: JsonObject, node: unknown, widenIntegers = true): unknown {
  if (Array.isArray(node)) return node.map((item) => adapt(schemas, item));
  if (!isObject(node)) return node;
  let out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
      out[key] = refTarget(value);
    } else if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      const tagged = 'allOf' in node ? undefined : discriminate(schemas, value);
      if (tagged) {
        out = { ...out, ...tagged };
        continue;
      }
      const hasStringBranch = value.some((branch) => isObject(branch) && typesOf(branch).includes('string'));
      out[key] = value.map((branch) => adapt(schemas, branch, !hasStringBranch));
    } else {
      out[key] = adapt(schemas, value);
    }
  }
  const types = typesOf(node);
  if (widenIntegers && types.includes('integer') && !('enum' in node) && !('const' in node) && !('oneOf' in node)) {
    out.type = [...types, 'string'];
    out.pattern = INT_STRING_PATTERN;
  }
  return out;
}

function load(): Loaded {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(findSpecFile(), 'utf8')) as Spec;
  // The generated spec trips ajv's strict checks without being wrong; refs compiled as
  // functions instead of inlined cut the first compile of the callback union from ~2 s to ~0.4 s.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false, inlineRefs: false });
  addFormats(ajv);
  const isInteger = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;
  ajv.addFormat('int32', { type: 'number', validate: isInteger(-(2 ** 31), 2 ** 31 - 1) });
  ajv.addFormat('int64', { type: 'number', validate: isInteger(-(2 ** 63), 2 ** 63) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('snowflake', { type: 'string', validate: /^(0|[1-9][0-9]*)$/ });
  ajv.addFormat('nonce', { type: 'string', validate: (s: string) => s.length <= 25 });
  const { schemas } = spec.components;
  ajv.addSchema({ $id: SPEC_ID, $defs: adapt(schemas, schemas) });
  const templates = Object.keys(spec.paths).map((template) => {
    const segments = template.split('/').filter(Boolean);
    return { template, segments, literals: segments.filter((s) => !s.startsWith('{')).length };
  });
  // Prefer the most specific template: `/messages/@original` over `/messages/{message_id}`.
  templates.sort((a, b) => b.literals - a.literals);
  loaded = { spec, ajv, templates, validators: new Map() };
  return loaded;
}

/** `/api/v10/channels/1/messages?wait=true` → segments of `/channels/1/messages`, decoded. */
function pathSegments(path: string): string[] {
  const segments = (path.split('?')[0] ?? '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  if (segments[0] === 'api') segments.shift();
  if (segments[0] === 'v10') segments.shift();
  return segments;
}

/** Maps a concrete request path to the spec's path template and its parameters. */
export function matchSpecPath(path: string): RouteMatch | undefined {
  const segments = pathSegments(path);
  for (const { template, segments: pattern } of load().templates) {
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const actual = segments[i] ?? '';
      if (!part.startsWith('{')) return part === actual;
      params[part.slice(1, -1)] = actual;
      return actual.length > 0;
    });
    if (matches) return { template, params };
  }
  return undefined;
}

function validatorFor(method: string, template: string): ValidateFunction | null {
  const { spec, ajv, validators } = load();
  const key = `${method} ${template}`;
  if (!validators.has(key)) {
    const schema = spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
    validators.set(key, schema === undefined ? null : ajv.compile(adapt(spec.components.schemas, schema) as JsonObject));
  }
  return validators.get(key) ?? null;
}

// Union failures report every branch; these are the echoes of branches that do not apply.
function isUnionNoise(error: ErrorObject): boolean {
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') return true;
  return error.keyword === 'type' && error.params.type === 'null';
}

function specViolations(errors: ErrorObject[]): Violation[] {
  const useful = errors.filter((e) => !isUnionNoise(e));
  const chosen = useful.length > 0 ? useful : errors;
  // A branch's "must be integer" next to another branch's precise complaint about the same field.
  const precise = new Set(chosen.filter((e) => e.keyword !== 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return chosen
    .filter((e) => e.keyword !== 'type' || !precise.has(e.instancePath))
    .map((e) => ({ path: e.instancePath || '/', message: e.message ?? e.keyword }))
    .filter((v) => {
      const key = `${v.path} ${v.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

/**
 * Like validateRequest, with each violation's JSON pointer kept apart for error bodies.
 * A caller that already matched `path` passes the match, so the templates are not scanned again.
 */
export function requestViolations(method: string, path: string, body: unknown, match: RouteMatch | undefined = matchSpecPath(path)): Violation[] {
  const verb = method.toUpperCase();
  if (!match) return [{ path: '/', message: `${verb} ${path} is not an operation in Discord's API` }];
  const operation = load().spec.paths[match.template]?.[verb.toLowerCase()];
  if (!operation) return [{ path: '/', message: `${verb} is not allowed on ${match.template}` }];
  if (body === undefined) {
    return operation.requestBody?.required ? [{ path: '/', message: 'a JSON body is required' }] : [];
  }
  const validate = validatorFor(verb, match.template);
  const fromSpec = validate && !validate(body) ? specViolations(validate.errors ?? []) : [];
  // Where the spec already flagged a field, the documented rule on it would only repeat it.
  const flagged = new Set(fromSpec.map((v) => v.path));
  const fromDocs = documentedRuleViolations(verb, match.template, body).filter((v) => !flagged.has(v.path));
  return [...fromSpec, ...fromDocs];
}

/**
 * Checks a request body against Discord's spec and documented rules.
 * `path` may carry the `/api/v10` prefix and a query; returns violations, empty when valid.
 */
export function validateRequest(method: string, path: string, body: unknown): string[] {
  return requestViolations(method, path, body).map((v) => `${v.path}: ${v.message}`);
}

/** Violations of one command definition as sent to `POST /applications/{app}/commands`. */
export function validateCommandDefinition(definition: unknown): string[] {
  return validateRequest('POST', '/applications/0/commands', definition);
}

/** Violations of an interaction response; the inline HTTP reply `{type, data}` is the same body. */
export function validateInteractionResponse(body: unknown): string[] {
  return validateRequest('POST', '/interactions/0/token/callback', body);
}
