// The Discord stand-in for the fan-out benchmark, in a process of its own: Discord
// is another machine, and sharing one event loop with the bot would let the bot's
// pauses bunch up the stand-in's arrival times (and its 1 s rate-limit windows).
// Protocol over IPC: sends `ready` with the API URL and channels, answers `report`
// with what it saw, and exits on `close`.
import { ChannelType } from 'discord-api-types/v10';

import { startLocalDiscord } from '../local-discord/index.js';

export interface StandInReady {
  type: 'ready';
  apiUrl: string;
  applicationId: string;
  channels: { id: string; guildId: string }[];
}

export interface StandInReport {
  type: 'report';
  messages: number;
  posts: number;
  limited: number;
}

// Arguments: token, guild count, global requests per second. Started only through fork().
const [token = '', guilds, globalPerSecond] = process.argv.slice(2);
const discord = await startLocalDiscord({
  token,
  guilds: { guilds: Number(guilds ?? 100), channels: 5 },
  rateLimits: { globalPerSecond: Number(globalPerSecond ?? 50), routeLimit: 5, routeWindowMs: 5_000 },
});
const channels = [...discord.world.channels.values()]
  .filter((c) => c.type !== ChannelType.GuildForum)
  .map((c) => ({ id: c.id, guildId: c.guild_id }));
process.send?.({ type: 'ready', apiUrl: discord.apiUrl, applicationId: discord.applicationId, channels } satisfies StandInReady);

process.on('message', (message: { type: string }) => {
  if (message.type === 'report') {
    const posts = discord.requests.filter((r) => r.method === 'POST' && r.route === '/channels/{channel_id}/messages');
    process.send?.({
      type: 'report',
      messages: discord.messages.length,
      posts: posts.length,
      limited: posts.filter((r) => r.status === 429).length,
    } satisfies StandInReport);
  } else if (message.type === 'close') {
    void discord.close().then(() => process.exit(0));
  }
});
