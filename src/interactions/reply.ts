// Turns a command's Reply into the message Discord receives: mentions never
// parse, `ephemeral` becomes the EPHEMERAL flag.
import { type APIInteractionResponseCallbackData, MessageFlags } from 'discord-api-types/v10';

import type { Reply } from '../render/reply.js';

export function toMessage(reply: Reply): APIInteractionResponseCallbackData {
  const { ephemeral, ...data } = reply;
  const flags = (data.flags ?? 0) | (ephemeral === true ? MessageFlags.Ephemeral : 0);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- MessageFlags is a bit set: members or-ed together are no single member
  return { ...data, ...(flags === 0 ? {} : { flags }), allowed_mentions: { parse: [] } };
}
