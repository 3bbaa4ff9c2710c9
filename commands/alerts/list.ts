// /alerts list — the server's subscriptions, paused ones marked with why and how to fix them.
import { MAX_SUBSCRIPTIONS_PER_GUILD } from '../../src/alerts/subscriptions.js';
import { t } from '../../src/i18n/t.js';
import type { CommandContext } from '../../src/interactions/command.js';
import { layOut } from '../../src/render/document.js';
import { pageLabels } from '../../src/render/paging.js';
import type { Reply } from '../../src/render/reply.js';
import { literal } from '../../src/render/text.js';
import { label, type Moderation, reply, roleMention } from './moderation.js';

function pausedSince(at: string): string {
  const time = Date.parse(at);
  return Number.isNaN(time) ? '?' : `<t:${Math.floor(time / 1000)}:f>`;
}

export async function list(ctx: CommandContext, m: Moderation): Promise<Reply> {
  const { lang } = m;
  const subscriptions = await m.deps.subscriptions.list(m.guildId);
  if (subscriptions.length === 0) return reply([t(lang, 'alerts.list.empty')]);
  const lines = subscriptions.map((s) => {
    const line = t(lang, 'alerts.list.line', {
      topic: literal(label(ctx.kb, s.topic, lang)),
      channel: s.channelId,
      role: s.roleId === undefined ? '' : ` · ${roleMention(s.roleId)}`,
      language: t(lang, `language.${s.language}`),
      id: s.id,
    });
    const paused = s.paused && t(lang, 'alerts.list.paused', { date: pausedSince(s.paused.at), reason: t(lang, `alerts.pause.${s.paused.reason}`) });
    return paused ? `${line}\n${paused}` : line;
  });
  const reasons = [...new Set(subscriptions.flatMap((s) => (s.paused ? [s.paused.reason] : [])))];
  const fixes = reasons.map((reason) => `• ${t(lang, `alerts.fix.${reason}`)}`);
  // Fields, not the description: they hold more (6000 in all) than one description (4096).
  const sections = [
    { name: t(lang, 'alerts.list.section'), lines },
    ...(fixes.length === 0 ? [] : [{ name: t(lang, 'alerts.list.fixes'), lines: fixes }]),
  ];
  const doc = {
    title: t(lang, 'alerts.list.title', { count: subscriptions.length, limit: MAX_SUBSCRIPTIONS_PER_GUILD }),
    description: [],
    sections,
    footer: t(lang, 'footer.brand'),
  };
  // At most MAX_SUBSCRIPTIONS_PER_GUILD short lines: always one page (tested with the longest).
  return { embeds: [layOut(doc, pageLabels(lang)).page(0)], ephemeral: true };
}
