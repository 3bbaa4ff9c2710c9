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
  /** The most requests counted toward the global limit within any one second. */
  busiestSecond: number;
  /** 401, 403 and 429 answers within the last 10 minutes. */
  invalid: number;
  /** Posts per second between the first and last second of posting (the steady state). */
  steadyRate: number;
}

/** Posts per second after the first second and before the last: what the bot keeps up, without its start and end. */
function steadyRate(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const first = Math.min(...times) + 1000;
  const last = Math.max(...times) - 1000;
  if (last <= first) return 0;
  return times.filter((t) => t >= first && t < last).length / ((last - first) / 1000);
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
    const stats = discord.stats();
    process.send?.({
      type: 'report',
      messages: discord.messages.length,
      posts: posts.length,
      limited: posts.filter((r) => r.status === 429).length,
      busiestSecond: stats.busiestSecond,
      invalid: stats.invalidRequests,
      steadyRate: steadyRate(posts.map((r) => r.at)),
    } satisfies StandInReport);
  } else if (message.type === 'close') {
    void discord.close().then(() => process.exit(0));
  }
});
