// The answer to a name we do not know: an ephemeral note with "did you mean".
import { type MessageKey, t } from '../i18n/t.js';
import type { CommandContext, Reply } from '../interactions/command.js';
import type { LookupKind } from '../knowledge/knowledge-base.js';
import { suggestAcross } from './suggestions.js';
import { echo, literal } from './text.js';

const SUGGESTIONS = 5;
const ECHO_LENGTH = 100;

export function notFoundReply(ctx: CommandContext, kinds: readonly LookupKind[], key: MessageKey, query: string): Reply {
  const { kb, language: lang } = ctx;
  const suggestions = suggestAcross(kb, kinds, query, lang, SUGGESTIONS);
  const lines = [t(lang, key, { query: echo(query, ECHO_LENGTH) })];
  if (suggestions.length === 0) lines.push(t(lang, 'notFound.noSuggestions'));
  else lines.push(t(lang, 'notFound.didYouMean'), ...suggestions.map((s) => `• ${literal(s.label)}`));
  return { content: lines.join('\n'), ephemeral: true };
}
