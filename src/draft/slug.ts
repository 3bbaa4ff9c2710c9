// Ids for records the draft proposes: the data's lowercase slugs (schema.ts `Id`).
import { fold } from '../knowledge/normalize.js';

/** "Anaïs Marin" → "anais-marin", "16. Mai" → "16-mai"; "" when nothing of the text is a letter or digit. */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
