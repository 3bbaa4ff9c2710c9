// An expected failure the user can act on; shown as its localized message.
// Its parameters are checked against the message like t()'s.
import type { MessageArgs, MessageKey, MessageParams } from '../i18n/t.js';

export class UserError<K extends MessageKey = MessageKey> extends Error {
  readonly key: MessageKey;
  readonly params: MessageParams;

  constructor(key: K, ...args: MessageArgs<K>) {
    super(key);
    this.name = 'UserError';
    this.key = key;
    this.params = (args as [MessageParams?])[0] ?? {};
  }
}
