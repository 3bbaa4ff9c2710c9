// The answer to a name we do not know: an ephemeral note with "did you mean".
import type { Language } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { KnowledgeBase, LookupKind } from '../knowledge/knowledge-base.js';
import type { Reply } from './reply.js';
import { suggestAcross } from './suggestions.js';
import { echo, literal } from './text.js';

const SUGGESTIONS = 5;
const ECHO_LENGTH = 100;

/** A message that says the query names nothing known, e.g. 'notFound.alliance' ("I know no alliance called “{query}”"). */
export type NotFoundKey = 'notFound.alliance' | 'notFound.expert' | 'notFound.country' | 'notFound.article' | 'notFound.topic';

export function notFoundReply(kb: KnowledgeBase, lang: Language, kinds: readonly LookupKind[], key: NotFoundKey, query: string): Reply {
  const suggestions = suggestAcross(kb, kinds, query, lang, SUGGESTIONS);
  const lines = [t(lang, key, { query: echo(query, ECHO_LENGTH) })];
  if (suggestions.length === 0) lines.push(t(lang, 'notFound.noSuggestions'));
  else lines.push(t(lang, 'notFound.didYouMean'), ...suggestions.map((s) => `• ${literal(s.label)}`));
  return { content: lines.join('\n'), ephemeral: true };
}
