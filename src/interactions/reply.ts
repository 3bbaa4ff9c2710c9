// Turns a command's Reply into the message Discord receives: mentions never
// parse, `ephemeral` becomes the EPHEMERAL flag.
import { type APIInteractionResponseCallbackData, MessageFlags } from 'discord-api-types/v10';

import type { Reply } from './command.js';

export function toMessage(reply: Reply): APIInteractionResponseCallbackData {
  const { ephemeral, ...data } = reply;
  // A bit set of MessageFlags: the enum's members or-ed together.
  const flags = ((data.flags ?? 0) | (ephemeral === true ? MessageFlags.Ephemeral : 0)) as MessageFlags;
  return { ...data, ...(flags === 0 ? {} : { flags }), allowed_mentions: { parse: [] } };
}
