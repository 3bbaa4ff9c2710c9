// Autocomplete for /alerts: topics and entities for the topic option; for the
// alert option the server's own subscriptions, labelled with topic and
// channel name (only paused ones for resume), and nothing for non-moderators.
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';

import { t } from '../../src/i18n/t.js';
import type { CommandContext, CommandOptions, FocusedOption } from '../../src/interactions/command.js';
import { UserError } from '../../src/interactions/user-error.js';
import { TOPIC_KINDS } from '../../src/knowledge/knowledge-base.js';
import { topicLabel } from '../../src/knowledge/topic-matcher.js';
import { LIMITS } from '../../src/render/discord-limits.js';
import { suggestAcross, toChoices } from '../../src/render/suggestions.js';
import { truncate } from '../../src/render/text.js';
import { resumeDefinition, SUBSCRIPTION_OPTION, TOPIC_OPTION } from './definition.js';
import { type AlertsCommandDeps, type Moderation, moderation } from './moderation.js';

async function subscriptionChoices(
  ctx: CommandContext,
  m: Moderation,
  typed: string,
  onlyPaused: boolean,
): Promise<APIApplicationCommandOptionChoice[]> {
  const { lang } = m;
  const [subscriptions, channels] = await Promise.all([
    m.deps.subscriptions.list(m.guildId),
    // Names are a nicety: without them the label shows the channel id.
    m.deps.lookups.channelNames(m.guildId).catch(() => []),
  ]);
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const query = typed.trim().toLowerCase();
  return subscriptions
    .filter((s) => !onlyPaused || s.paused)
    .map((s) => {
      const base = t(lang, 'alerts.choice', {
        topic: topicLabel(ctx.kb, s.topic, lang),
        channel: names.get(s.channelId) ?? s.channelId,
        language: t(lang, `language.${s.language}`),
      });
      return { name: truncate(s.paused ? t(lang, 'alerts.choice.paused', { label: base }) : base, LIMITS.choiceName), value: s.id };
    })
    .filter((choice) => query === '' || choice.value.toLowerCase() === query || choice.name.toLowerCase().includes(query))
    .slice(0, LIMITS.choices);
}

export async function alertsAutocomplete(
  ctx: CommandContext,
  deps: AlertsCommandDeps | undefined,
  focused: FocusedOption,
  options: CommandOptions,
): Promise<APIApplicationCommandOptionChoice[]> {
  if (focused.name === TOPIC_OPTION) return toChoices(suggestAcross(ctx.kb, TOPIC_KINDS, focused.value, ctx.language, LIMITS.choices));
  if (focused.name !== SUBSCRIPTION_OPTION) return [];
  let m: Moderation;
  try {
    m = moderation(ctx, deps);
  } catch (error) {
    // Not a moderator here (or no alerts services): nothing to offer.
    if (error instanceof UserError) return [];
    throw error;
  }
  return subscriptionChoices(ctx, m, focused.value, options.subcommand === resumeDefinition.name);
}
