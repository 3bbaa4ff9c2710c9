// A news item as it is kept in the store (JSON), and the check every stored item passes
// before a process answers from it: the store may hold what an older or broken writer
// wrote, and one bad record must not take the rest down with it.
import { z } from 'zod';

import type { NewsItem } from '../knowledge/news-index.js';

const text = (max: number) => z.string().max(max);
const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\/[^\s<>]+$/i.test(value) && URL.canParse(value));
const ids = z.array(z.string().min(1).max(200)).max(200);

const newsItemSchema = z.object({
  id: z.string().min(1).max(4096),
  title: text(1000),
  summary: text(4000),
  link: httpUrl.optional(),
  published: z.iso.datetime({ offset: true }).optional(),
  source: z.object({ title: text(1000), host: text(300) }),
  language: z.string().regex(/^[a-z]{2,3}$/),
  entities: ids,
  topics: ids,
});

/** The stored text of a news item, checked; undefined for anything malformed. */
export function parseNewsItem(raw: string): NewsItem | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = newsItemSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { link, published, ...rest } = parsed.data;
  return { ...rest, ...(link === undefined ? {} : { link }), ...(published === undefined ? {} : { published }) };
}
