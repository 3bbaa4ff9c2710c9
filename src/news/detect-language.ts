// German or English, told from a headline and its summary by the words every text
// of a language uses (articles, pronouns, prepositions, auxiliaries). A feed that
// declares its language is taken at its word; this is for those that do not.
import { tokenize } from '../knowledge/normalize.js';

// Only words that are common in one language and rare in the other ("die" is English
// too, "in" and "war" are both, so they are left out).
// Folded as the text's words are (für → fur).
const GERMAN = new Set(
  tokenize(
    'der das den dem des ein eine einen einem einer eines und ist sind wird werden wurde wurden nicht mit von auf für bei nach aus zum zur über unter gegen sich auch noch nur wie dass oder aber als hat haben sein seine ihre ihr wir sie es im vom beim durch',
  ),
);
const ENGLISH = new Set(
  tokenize(
    'the a and is are was were be been has have had not with of on for at from by to into over under against its their they we he she it this that these those which who will would says said after than',
  ),
);

/** 'de' or 'en' by which language's common words the text has more of; undefined when it has none or as many of each. */
export function detectLanguage(text: string): 'de' | 'en' | undefined {
  let german = 0;
  let english = 0;
  for (const word of tokenize(text)) {
    if (GERMAN.has(word)) german += 1;
    else if (ENGLISH.has(word)) english += 1;
  }
  return german > english ? 'de' : english > german ? 'en' : undefined;
}

/** A declared language tag (`de-DE`, `en_us`, `EN`) as its primary subtag; undefined for anything else. */
export function declaredLanguage(tag: string | undefined): string | undefined {
  const primary = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-_]*)?\s*$/.exec(tag ?? '')?.[1];
  return primary?.toLowerCase();
}
