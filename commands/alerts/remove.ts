// /alerts remove alert — deletes one of the server's subscriptions.
import { t } from '../../src/i18n/t.js';
import type { CommandContext } from '../../src/interactions/command.js';
import type { ArgumentsOf } from '../../src/interactions/options.js';
import { UserError } from '../../src/interactions/user-error.js';
import type { Reply } from '../../src/render/reply.js';
import { echo, literal } from '../../src/render/text.js';
import type { removeDefinition } from './definition.js';
import { label, type Moderation, reply } from './moderation.js';

export async function remove(ctx: CommandContext, m: Moderation, args: ArgumentsOf<typeof removeDefinition.options>): Promise<Reply> {
  const id = args.alert;
  const removed = await m.deps.subscriptions.remove(m.guildId, id);
  if (!removed) throw new UserError('alerts.unknownSubscription', { id: echo(id, 40) });
  return reply([t(m.lang, 'alerts.removed', { topic: literal(label(ctx.kb, removed.topic, m.lang)), channel: removed.channelId })]);
}
