// /alerts add|remove|list|test|resume — moderators send news on a topic to a
// channel. Only for members who may manage the server, checked here again
// (default_member_permissions only hides the command); the server is always the
// interaction's, never an option's. Before a channel is saved or tested, the
// bot checks its type and its own permissions there and says what is missing.
// Built by the composition root with the services it needs (AlertsCommandDeps).
import type { CommandContext, CommandOptions, SlashCommand } from '../../src/interactions/command.js';
import { argumentsOf, type SubcommandOf } from '../../src/interactions/options.js';
import { UserError } from '../../src/interactions/user-error.js';
import type { Reply } from '../../src/render/reply.js';
import { add } from './add.js';
import { alertsAutocomplete } from './autocomplete.js';
import { addDefinition, definition, removeDefinition, resumeDefinition, testDefinition } from './definition.js';
import { list } from './list.js';
import { type AlertsCommandDeps, type Moderation, moderation } from './moderation.js';
import { remove } from './remove.js';
import { resume } from './resume.js';
import { test } from './test.js';

export type { AlertsCommandDeps } from './moderation.js';

type Handler = (ctx: CommandContext, m: Moderation, options: CommandOptions) => Promise<Reply>;

/** One handler per subcommand the definition declares: a renamed or missing one is a compile error. */
const handlers: Record<SubcommandOf<typeof definition.options>, Handler> = {
  add: (ctx, m, options) => add(ctx, m, argumentsOf(addDefinition.options, options)),
  remove: (ctx, m, options) => remove(ctx, m, argumentsOf(removeDefinition.options, options)),
  list: (ctx, m) => list(ctx, m),
  test: (ctx, m, options) => test(ctx, m, argumentsOf(testDefinition.options, options)),
  resume: (ctx, m, options) => resume(ctx, m, argumentsOf(resumeDefinition.options, options)),
};
const bySubcommand = new Map<string, Handler>(Object.entries(handlers));

/**
 * /alerts with the services it acts through. Without them (the CLI, which does
 * not talk to Discord) it is still listed, and tells moderators alerts are off.
 */
export function createAlertsCommand(deps?: AlertsCommandDeps): SlashCommand {
  return {
    definition,
    deferEphemeral: true,
    execute(ctx, options) {
      const m = moderation(ctx, deps);
      const handler = bySubcommand.get(options.subcommand ?? '');
      if (handler === undefined) throw new UserError('error.unsupported');
      return handler(ctx, m, options);
    },
    autocomplete: (ctx, focused, options) => alertsAutocomplete(ctx, deps, focused, options),
  };
}
