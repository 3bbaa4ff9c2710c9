// Registering command definitions with Discord. A bulk PUT overwrites the
// whole scope; `npm start` only does it when the definitions changed since the
// last successful registration, so restarts don't spend the daily create quota.
import { createHash } from 'node:crypto';

import type { REST } from '@discordjs/rest';
import { type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord-api-types/v10';

import type { KeyValueNamespace } from '../store/store.js';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** JSON with sorted keys, so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function definitionsHash(definitions: readonly CommandDefinition[]): string {
  return createHash('sha256').update(canonical(definitions)).digest('hex');
}

export interface DeployTarget {
  applicationId: string;
  /** A guild id registers there only (instant, for testing); without it, globally. */
  guildId?: string;
}

export async function deployCommands(rest: Pick<REST, 'put'>, target: DeployTarget, definitions: readonly CommandDefinition[]): Promise<number> {
  const route =
    target.guildId === undefined
      ? Routes.applicationCommands(target.applicationId)
      : Routes.applicationGuildCommands(target.applicationId, target.guildId);
  const registered = (await rest.put(route, { body: definitions })) as unknown[];
  return registered.length;
}

export type SyncOutcome = 'registered' | 'unchanged';

/** Deploys only when the stored hash for this application and scope differs. */
export async function syncCommands(
  rest: Pick<REST, 'put'>,
  target: DeployTarget,
  definitions: readonly CommandDefinition[],
  settings: KeyValueNamespace<string>,
): Promise<SyncOutcome> {
  const key = `commands-hash:${target.applicationId}:${target.guildId ?? 'global'}`;
  const hash = definitionsHash(definitions);
  if ((await settings.get(key)) === hash) return 'unchanged';
  await deployCommands(rest, target, definitions);
  await settings.set(key, hash);
  return 'registered';
}
