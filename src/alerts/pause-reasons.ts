// Kept only for commands/alerts.ts, which helper A's rewrite (createAlertsCommand)
// replaces: it should read `discordRefusal(error)` from src/discord/refusal.ts
// directly; delete this file then.
import { discordRefusal } from '../discord/refusal.js';
import type { PauseReason } from './subscriptions.js';

/** The pause reason for a Discord error that means the channel refuses the bot; undefined for anything else. */
export function pauseReason(error: unknown): PauseReason | undefined {
  const refusal = discordRefusal(error);
  return refusal.kind === 'pause' ? refusal.reason : undefined;
}
