// /alerts resume alert — re-enables a paused subscription once its channel works again.
import { t } from '../../src/i18n/t.js';
import type { CommandContext } from '../../src/interactions/command.js';
import type { ArgumentsOf } from '../../src/interactions/options.js';
import type { Reply } from '../../src/render/reply.js';
import type { resumeDefinition } from './definition.js';
import { channelWarnings, type Moderation, reply, subscriptionOf } from './moderation.js';

export async function resume(_ctx: CommandContext, m: Moderation, args: ArgumentsOf<typeof resumeDefinition.options>): Promise<Reply> {
  const subscription = await subscriptionOf(m, args.alert);
  const { channelId, roleId } = subscription;
  if (!subscription.paused) return reply([t(m.lang, 'alerts.notPaused', { channel: channelId })]);
  // Resumed only when the channel works again; else the next alert would pause it at once.
  const warnings = await channelWarnings(m, channelId, roleId);
  await m.deps.subscriptions.resume(m.guildId, subscription.id);
  return reply([t(m.lang, 'alerts.resumed', { channel: channelId }), ...warnings]);
}
