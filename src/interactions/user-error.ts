// An expected failure the user can act on; shown as its localized message.
import type { MessageKey, MessageParams } from '../i18n/t.js';

export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}
