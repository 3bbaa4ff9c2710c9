// Turns the failures a self-hoster can fix into one plain sentence for the log.
import { DiscordAPIError, HTTPError } from '@discordjs/rest';

const BAD_TOKEN =
  'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the token again from the Bot page of your application in the Developer Portal.';

export function describeStartupError(error: unknown): string {
  if ((error instanceof DiscordAPIError || error instanceof HTTPError) && error.status === 401) return BAD_TOKEN;
  if (error instanceof DiscordAPIError && error.code === 50001) {
    return 'Discord answered Missing Access (50001): the bot is not in that server, or DISCORD_APPLICATION_ID belongs to another application.';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'TokenInvalid') return BAD_TOKEN;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return 'A server the bot needs could not be reached (Discord API or the Redis store): check DISCORD_API_URL, LAGEBILD_STORE and the network.';
  }
  return error instanceof Error ? `start-up failed: ${error.message}` : 'start-up failed';
}
