// What a command answers with: a message body as Discord takes it, plus
// `ephemeral` (the adapters turn it into the EPHEMERAL flag).
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';

/** A reply message; `ephemeral` becomes the EPHEMERAL flag. */
export type Reply = APIInteractionResponseCallbackData & { ephemeral?: boolean };
