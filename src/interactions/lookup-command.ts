// The shape shared by commands that look one thing up by name (/alliance,
// /expert, /country, /summary, /timeline): one text option, autocomplete from
// the knowledge base, "did you mean" on a miss, and page buttons that
// re-render from the id. The definition is built here from name, catalogue key
// and option, so the five commands state only what differs.
import type { APIButtonComponentWithCustomId } from 'discord-api-types/v10';

import type { DefinitionKey } from '../i18n/messages/en.js';
import type { KnowledgeBase, LookupKind } from '../knowledge/knowledge-base.js';
import type { NewsEntry } from '../knowledge/news-index.js';
import type { Entity, EntityKind } from '../knowledge/schema.js';
import { LIMITS } from '../render/discord-limits.js';
import type { Document } from '../render/document.js';
import { type NotFoundKey, notFoundReply } from '../render/not-found.js';
import { cachedLayout, pageOf, withButtons } from '../render/paging.js';
import type { Reply } from '../render/reply.js';
import { suggestAcross, toChoices } from '../render/suggestions.js';
import type { CommandContext, SlashCommand } from './command.js';
import { everywhereCommand, textOption } from './definition.js';
import { argumentsOf } from './options.js';
import { UserError } from './user-error.js';

/** The option names the catalogue describes for command key K: 'name' for 'command.alliance'. */
type CatalogueOptionOf<K extends DefinitionKey> = DefinitionKey extends infer D ? (D extends `${K}.option.${infer O}` ? O : never) : never;

export interface LookupCommandSpec<T, N extends string, K extends DefinitionKey, O extends string> {
  /** The command's API name, e.g. 'alliance'. */
  name: N;
  /** Its catalogue key, e.g. 'command.alliance'; the option's is `<key>.option.<option name>`. */
  key: K;
  /** The text option holding the name; the query is '' when it is left out. */
  option: { name: O & CatalogueOptionOf<K>; required: boolean };
  /** What autocomplete and "did you mean" offer. */
  kinds: readonly LookupKind[];
  notFound: NotFoundKey;
  /** Finds the thing by id, name or alias; an empty query means the option was left out. */
  find(ctx: CommandContext, query: string): T | undefined;
  /** Short and stable (an id): it goes into the page buttons' custom id and back into fromState(). */
  state(found: T): string;
  /** What state() named, looked up as an id, never by name or alias (an alias may equal another record's id). */
  fromState(ctx: CommandContext, state: string): T | undefined;
  /**
   * Depends only on the knowledge base, the language, what state() names and the news
   * about newsAbout(found): its pages are cached under those.
   */
  document(ctx: CommandContext, found: T): Document;
  /** The entity or topic whose latest news the document shows, if any: a change to those news renders it anew. */
  newsAbout?(found: T): string | undefined;
  /** More buttons under every page (e.g. /summary's corrections), in a row of their own. */
  buttons?(ctx: CommandContext, found: T): (APIButtonComponentWithCustomId | undefined)[];
}

/** How many of the newest news items a profile shows. */
export const LATEST_NEWS_SHOWN = 3;

/** The newest news items about `id` a profile shows (none without news). */
export function latestNewsAbout(ctx: CommandContext, id: string): readonly NewsEntry[] {
  return ctx.news?.older(id, undefined, LATEST_NEWS_SHOWN) ?? [];
}

/** The entity of that kind with that id, name or alias. */
export function findEntity<K extends EntityKind>(kb: KnowledgeBase, kind: K, query: string): Extract<Entity, { kind: K }> | undefined {
  const id = kb.resolve(kind, query);
  const entity = id === undefined ? undefined : kb.entity(id);
  return entity?.kind === kind ? (entity as Extract<Entity, { kind: K }>) : undefined;
}

/** The entity of that kind with exactly that id: what a page button names. */
export function entityById<K extends EntityKind>(kb: KnowledgeBase, kind: K, id: string): Extract<Entity, { kind: K }> | undefined {
  const entity = kb.entity(id);
  return entity?.kind === kind ? (entity as Extract<Entity, { kind: K }>) : undefined;
}

export function lookupCommand<T, const N extends string, const K extends DefinitionKey, const O extends string>(
  spec: LookupCommandSpec<T, N, K, O>,
): SlashCommand {
  const { name } = spec;
  const option = textOption(spec.option.name, `${spec.key}.option.${spec.option.name}` as DefinitionKey, spec.option.required);
  const definition = everywhereCommand(name, spec.key, [option]);
  const render = (ctx: CommandContext, found: T, page: number): Reply => {
    const ref = { command: name, language: ctx.language, page, state: spec.state(found) };
    const about = spec.newsAbout?.(found);
    const newsStamp = about === undefined ? 0 : (ctx.news?.stamp(about) ?? 0);
    const reply = pageOf(
      cachedLayout(ctx.kb, ref, () => spec.document(ctx, found), `news${newsStamp}`),
      ref,
    );
    return spec.buttons === undefined ? reply : withButtons(reply, spec.buttons(ctx, found));
  };
  return {
    definition,
    execute(ctx, options) {
      const args: Partial<Record<string, string>> = argumentsOf(definition.options, options);
      const query = args[option.name] ?? '';
      const found = spec.find(ctx, query);
      return found === undefined ? notFoundReply(ctx.kb, ctx.language, spec.kinds, spec.notFound, query) : render(ctx, found, 0);
    },
    autocomplete(ctx, focused) {
      return toChoices(suggestAcross(ctx.kb, spec.kinds, focused.value, ctx.language, LIMITS.choices));
    },
    page(ctx, state, page) {
      const found = spec.fromState(ctx, state);
      if (found === undefined) throw new UserError('page.expired');
      return render(ctx, found, page);
    },
  };
}
