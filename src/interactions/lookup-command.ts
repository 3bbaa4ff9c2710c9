// The shape shared by commands that look one thing up by name (/alliance,
// /expert, /country, /summary, /timeline): autocomplete from the knowledge
// base, "did you mean" on a miss, and page buttons that re-render from the id.
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

import type { MessageKey } from '../i18n/t.js';
import type { KnowledgeBase, LookupKind } from '../knowledge/knowledge-base.js';
import type { Entity, EntityKind } from '../knowledge/schema.js';
import { LIMITS } from '../render/discord-limits.js';
import type { Document } from '../render/document.js';
import { notFoundReply } from '../render/not-found.js';
import { cachedLayout, pageOf } from '../render/paging.js';
import { suggestAcross, toChoices } from '../render/suggestions.js';
import type { CommandContext, Reply, SlashCommand } from './command.js';
import { optionText } from './options.js';
import { UserError } from './user-error.js';

export interface LookupCommandSpec<T> {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** The option holding the name. */
  option: string;
  /** What autocomplete and "did you mean" offer. */
  kinds: readonly LookupKind[];
  notFound: MessageKey;
  /** Finds the thing by id, name or alias; an empty query means the option was left out. */
  find(ctx: CommandContext, query: string): T | undefined;
  /** Short and stable (an id): it goes into the page buttons' custom id and back into find(). */
  state(found: T): string;
  /** Depends only on the knowledge base, the language and what state() names: its pages are cached under those. */
  document(ctx: CommandContext, found: T): Document;
}

/** The entity of that kind with that id, name or alias. */
export function findEntity<K extends EntityKind>(kb: KnowledgeBase, kind: K, query: string): Extract<Entity, { kind: K }> | undefined {
  const id = kb.resolve(kind, query);
  const entity = id === undefined ? undefined : kb.entity(id);
  return entity?.kind === kind ? (entity as Extract<Entity, { kind: K }>) : undefined;
}

export function lookupCommand<T>(spec: LookupCommandSpec<T>): SlashCommand {
  const name = spec.definition.name;
  const render = (ctx: CommandContext, found: T, page: number): Reply => {
    const ref = { command: name, language: ctx.language, page, state: spec.state(found) };
    return pageOf(
      cachedLayout(ctx.kb, ref, () => spec.document(ctx, found)),
      ref,
    );
  };
  return {
    definition: spec.definition,
    execute(ctx, options) {
      const query = optionText(options, spec.option);
      const found = spec.find(ctx, query);
      return found === undefined ? notFoundReply(ctx, spec.kinds, spec.notFound, query) : render(ctx, found, 0);
    },
    autocomplete(ctx, focused) {
      return toChoices(suggestAcross(ctx.kb, spec.kinds, focused.value, ctx.language, LIMITS.choices));
    },
    page(ctx, state, page) {
      const found = spec.find(ctx, state);
      if (found === undefined) throw new UserError('page.expired');
      return render(ctx, found, page);
    },
  };
}
