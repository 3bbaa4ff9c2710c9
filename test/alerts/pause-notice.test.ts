// The notice to moderators when a channel's alerts pause: its text comes from the
// shared catalogue in the subscription's language, and it goes to the system channel
// or else the first text channel where the shared permission algorithm lets the bot post.
import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIOverwrite, ChannelType, OverwriteType, PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import { createPauseNotifier, pauseNotice } from '../../src/alerts/pause-notice.js';
import type { PauseReason } from '../../src/alerts/subscriptions.js';
import { createDiscordLookups } from '../../src/discord/discord-lookups.js';
import { postMessageVia } from '../../src/discord/post-message.js';
import { de } from '../../src/i18n/messages/de.js';
import { t } from '../../src/i18n/t.js';
import { capturingLogger, subscription } from './alert-fixtures.js';

const GUILD = '1200000000000000001';
const BOT = '1100000000000000001';
const BOT_ROLE = '1300000000000000001';
const REFUSED = '1400000000000000001';
const HIDDEN = '1400000000000000002';
const VOICE = '1400000000000000003';
const MEMBER_ALLOWED = '1400000000000000004';
const ROLE_DENIED = '1400000000000000005';
const NEWS = '1400000000000000006';
const SYSTEM = '1400000000000000007';
const REASONS: readonly PauseReason[] = ['missing-access', 'missing-permissions', 'unknown-channel'];

const overwrite = (id: string, type: OverwriteType, allow: bigint, deny: bigint): APIOverwrite => ({
  id,
  type,
  allow: String(allow),
  deny: String(deny),
});
const channel = (id: string, type: ChannelType, position: number, overwrites: APIOverwrite[] = []): APIChannel =>
  ({ id, type, guild_id: GUILD, name: `chan-${id.slice(-1)}`, position, permission_overwrites: overwrites }) as APIChannel;

const CHANNELS = [
  channel(REFUSED, ChannelType.GuildText, 0),
  channel(HIDDEN, ChannelType.GuildText, 1, [overwrite(GUILD, OverwriteType.Role, 0n, P.ViewChannel)]),
  channel(VOICE, ChannelType.GuildVoice, 2),
  // The bot's role may not send, the bot itself may: member overwrites come last.
  channel(MEMBER_ALLOWED, ChannelType.GuildText, 3, [
    overwrite(BOT_ROLE, OverwriteType.Role, 0n, P.SendMessages),
    overwrite(BOT, OverwriteType.Member, P.SendMessages, 0n),
  ]),
  channel(ROLE_DENIED, ChannelType.GuildText, 4, [overwrite(BOT_ROLE, OverwriteType.Role, 0n, P.SendMessages)]),
  channel(NEWS, ChannelType.GuildAnnouncement, 5),
  channel(SYSTEM, ChannelType.GuildText, 6),
];

const sub = subscription({ guildId: GUILD, channelId: REFUSED, topic: 'csto', language: 'de' });

/** A REST stub serving one guild; posts to `failing` channels are refused. */
function fakeRest(guild: { owner_id: string; system_channel_id: string | null } | undefined, failing: ReadonlySet<string> = new Set()) {
  const routes = new Map<string, unknown>([
    [Routes.guildChannels(GUILD), CHANNELS],
    [
      Routes.guildRoles(GUILD),
      [
        { id: GUILD, permissions: String(P.ViewChannel | P.SendMessages) },
        { id: BOT_ROLE, permissions: String(P.EmbedLinks) },
      ],
    ],
    [Routes.guildMember(GUILD, BOT), { roles: [BOT_ROLE] }],
    ...(guild ? [[Routes.guild(GUILD), { id: GUILD, ...guild }] as const] : []),
  ]);
  const posts: { route: string; body: unknown }[] = [];
  const rest = {
    get(route: string) {
      if (!routes.has(route)) return Promise.reject(new Error(`404 ${route}`));
      return Promise.resolve(routes.get(route));
    },
    post(route: string, { body }: { body: unknown }) {
      posts.push({ route, body });
      if ([...failing].some((id) => route === Routes.channelMessages(id))) return Promise.reject(new Error('403'));
      return Promise.resolve({});
    },
  };
  return { rest: rest as unknown as REST, posts };
}

/** The ports the notifier gets, over the stub as the composition root builds them over REST. */
const ports = (rest: REST) => ({ postMessage: postMessageVia(rest), lookups: createDiscordLookups(rest) });

const tried = (posts: { route: string }[]) => posts.map((p) => CHANNELS.find((c) => p.route === Routes.channelMessages(c.id))?.id);

describe('pause notice text', () => {
  it('names the channel, the subscription and the fix for the reason, in the subscription’s language', () => {
    for (const language of ['en', 'de'] as const) {
      for (const reason of REASONS) {
        const text = pauseNotice({ ...sub, language }, reason);
        expect(text).toContain(`<#${REFUSED}>`);
        expect(text).toContain(`\`${sub.id}\``);
        expect(text).toContain(t(language, `alerts.fix.${reason}`));
      }
    }
  });

  it('tells German moderators the German command', () => {
    const text = pauseNotice(sub, 'missing-permissions');
    expect(text).toContain(`/${de['command.alerts.name']} ${de['command.alerts.resume.name']}`);
    expect(text).not.toContain('/alerts');
  });
});

describe('pause notifier', () => {
  it('posts the notice to the system channel, mentioning nobody', async () => {
    const { rest, posts } = fakeRest({ owner_id: '1', system_channel_id: SYSTEM });
    await createPauseNotifier({ ...ports(rest), logger: capturingLogger().logger, botUserId: BOT })(sub, 'missing-permissions');
    expect(tried(posts)).toEqual([SYSTEM]);
    expect(posts[0]?.body).toEqual({ content: pauseNotice(sub, 'missing-permissions'), allowed_mentions: { parse: [] } });
  });

  it('otherwise tries the first two text channels the bot may post in, never the refused one', async () => {
    const { rest, posts } = fakeRest(undefined, new Set(CHANNELS.map((c) => c.id)));
    const { logger, lines } = capturingLogger();
    await createPauseNotifier({ ...ports(rest), logger, botUserId: BOT })(sub, 'missing-access');
    expect(tried(posts)).toEqual([MEMBER_ALLOWED, NEWS]);
    expect(lines.at(-1)?.msg).toBe('found no channel for the paused-alerts notice');
  });

  it('lets a bot that owns the server post anywhere', async () => {
    const { rest, posts } = fakeRest({ owner_id: BOT, system_channel_id: null }, new Set(CHANNELS.map((c) => c.id)));
    await createPauseNotifier({ ...ports(rest), logger: capturingLogger().logger, botUserId: BOT })(sub, 'unknown-channel');
    expect(tried(posts)).toEqual([HIDDEN, MEMBER_ALLOWED]);
  });
});
