// Messages the bot created (channel posts, interaction replies, follow-ups), and Discord's
// nonce de-duplication for channel posts.
import type { APIActionRowComponent, APIEmbed, APIMessage, APIUser } from 'discord-api-types/v10';
import type { APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { type MessageFlags, MessageType } from 'discord-api-types/v10';

import { snowflake } from '../src/discord/snowflake.js';

/** The fields of a message body the stand-in keeps (already validated against the spec). */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[] | null;
  flags?: number | null;
  tts?: boolean | null;
  nonce?: string | number | null;
  enforce_nonce?: boolean | null;
}

/** Flag bits as the message's enum type: Discord sends combinations of members, and 0 for none. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum has members for single bits only, not for their combinations or 0
const messageFlags = (bits: number): MessageFlags => bits;

/** "A few minutes" in Discord's docs. */
const NONCE_WINDOW_MS = 5 * 60_000;

export class MessageStore {
  /** Every message in creation order, deleted ones removed. */
  readonly all: APIMessage[] = [];
  private readonly nonces = new Map<string, { message: APIMessage; at: number }>();

  create(channelId: string, author: APIUser, body: MessageBody, extra: Partial<APIMessage> = {}): APIMessage {
    const message: APIMessage = {
      id: snowflake(),
      channel_id: channelId,
      author,
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: MessageType.Default,
      flags: messageFlags(body.flags ?? 0),
      ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce } : {}),
      ...extra,
    };
    this.all.push(message);
    return message;
  }

  /**
   * A channel post: with `enforce_nonce`, a repeat of a nonce in the same channel within the
   * window returns the earlier message instead of posting again — or nothing if that message
   * was deleted meanwhile (Discord answers 10008 then; a secondary source).
   */
  post(channelId: string, author: APIUser, body: MessageBody): { message?: APIMessage; duplicate: boolean } {
    const key = body.enforce_nonce && body.nonce != null ? `${channelId}:${String(body.nonce)}` : undefined;
    const earlier = key ? this.nonces.get(key) : undefined;
    if (earlier && Date.now() - earlier.at < NONCE_WINDOW_MS) {
      return { duplicate: true, ...(this.all.includes(earlier.message) ? { message: earlier.message } : {}) };
    }
    const message = this.create(channelId, author, body);
    if (key) this.nonces.set(key, { message, at: Date.now() });
    return { message, duplicate: false };
  }

  edit(message: APIMessage, body: MessageBody): APIMessage {
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null) message.flags = messageFlags(body.flags);
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  remove(message: APIMessage): void {
    const index = this.all.indexOf(message);
    if (index >= 0) this.all.splice(index, 1);
  }
}
