// Suggestions from the knowledge base as autocomplete choices and as the
// "did you mean" list of a miss. Ranking is the knowledge base's.
import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';

import type { Language } from '../i18n/language.js';
import type { KnowledgeBase, LookupKind, Suggestion } from '../knowledge/knowledge-base.js';
import { LIMITS } from './discord-limits.js';
import { truncate } from './text.js';

/** The best suggestions over several kinds, by score, each id once. */
export function suggestAcross(kb: KnowledgeBase, kinds: readonly LookupKind[], query: string, lang: Language, limit: number): Suggestion[] {
  const all = kinds.flatMap((kind) => kb.suggest(kind, query, lang, limit));
  if (kinds.length > 1) all.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  return all.filter((s) => !seen.has(s.id) && seen.add(s.id)).slice(0, limit);
}

/** Autocomplete choices: the id as value (stable, short), the label as name. */
export function toChoices(suggestions: readonly Suggestion[]): APIApplicationCommandOptionChoice[] {
  return suggestions
    .filter((s) => s.id.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((s) => ({ name: truncate(s.label.trim() || s.id, LIMITS.choiceName), value: s.id }));
}
