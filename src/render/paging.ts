// "Previous/next page" buttons. Everything needed to re-render a page lives in
// the button's custom id, so pages keep working after a restart.
import { type APIActionRowComponent, type APIButtonComponentWithCustomId, ButtonStyle, ComponentType } from 'discord-api-types/v10';

import { type Language, LANGUAGES } from '../i18n/language.js';
import { t } from '../i18n/t.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { LIMITS } from './discord-limits.js';
import { type Document, layOut, madePages, type PageLabels, type Pages } from './document.js';
import { cachedPages } from './page-cache.js';
import type { Reply } from './reply.js';

export interface PageRef {
  command: string;
  language: Language;
  /** 0-based. */
  page: number;
  /** Command-specific; may contain ":". */
  state: string;
}

const PREFIX = 'page';

/** `page:<command>:<language>:<page>:<state>`; state goes last so it may hold ":". */
export function encodePageId(ref: PageRef): string {
  return [PREFIX, ref.command, ref.language, ref.page, ref.state].join(':');
}

export function decodePageId(customId: string): PageRef | undefined {
  const match = /^page:([^:]+):([a-z]{2}):(\d{1,4}):([\s\S]*)$/.exec(customId);
  if (match === null) return undefined;
  const [, command = '', language = '', page = '', state = ''] = match;
  const lang = LANGUAGES.find((l) => l === language);
  return lang === undefined ? undefined : { command, language: lang, page: Number(page), state };
}

export function pageLabels(lang: Language): PageLabels {
  return {
    continued: (name) => t(lang, 'label.continued', { name }),
    indicator: (page, pages) => t(lang, 'page.indicator', { page, pages }),
  };
}

function button(ref: PageRef, label: string, disabled: boolean): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: encodePageId(ref), disabled };
}

function buttons(ref: PageRef, pages: number): APIActionRowComponent<APIButtonComponentWithCustomId> | undefined {
  const { page } = ref;
  const last = pages - 1;
  // Disabled buttons point at the current page so the two ids stay distinct.
  const previous = button({ ...ref, page: page === 0 ? 0 : page - 1 }, t(ref.language, 'page.previous'), page === 0);
  const next = button({ ...ref, page: page === last ? last : page + 1 }, t(ref.language, 'page.next'), page === last);
  if (previous.custom_id.length > LIMITS.customId || next.custom_id.length > LIMITS.customId) return undefined;
  return { type: ComponentType.ActionRow, components: [previous, next] };
}

/** One page of the document, with page buttons when there is more than one. */
export function pagedReply(doc: Document, ref: PageRef): Reply {
  return pageOf(layOut(doc, pageLabels(ref.language)), ref);
}

/**
 * The document laid out into pages, kept per knowledge base from the second
 * request on (see page-cache.ts) under the reference's command, language and
 * state, and `variant` (what else it shows, e.g. which news): the document must
 * depend on nothing else. No pages when there is no document.
 */
export function cachedLayout(kb: KnowledgeBase, ref: PageRef, document: () => Document | undefined, variant = ''): Pages {
  const key = [ref.command, ref.language, variant, ref.state].join(':');
  return cachedPages(kb, key, () => {
    const doc = document();
    return doc === undefined ? madePages([]) : layOut(doc, pageLabels(ref.language));
  });
}

/** Page `ref.page` of laid-out pages (the last one if beyond), with page buttons when there is more than one. */
export function pageOf(pages: Pages, ref: PageRef): Reply {
  if (pages.count === 0) return { embeds: [], components: [] };
  const page = Math.min(Math.max(ref.page, 0), pages.count - 1);
  const row = pages.count > 1 ? buttons({ ...ref, page }, pages.count) : undefined;
  return { embeds: [pages.page(page)], components: row === undefined ? [] : [row] };
}

/**
 * A button that opens another view of the same command, e.g. an article's
 * corrections: its custom id is a page reference, so the command's page
 * handler answers it. None when the id would be too long.
 */
export function viewButton(ref: PageRef, label: string): APIButtonComponentWithCustomId | undefined {
  const custom = button(ref, label.length > LIMITS.buttonLabel ? label.slice(0, LIMITS.buttonLabel) : label, false);
  return custom.custom_id.length > LIMITS.customId ? undefined : custom;
}

/** The reply with one more row of buttons after its page buttons (none added when there are none). */
export function withButtons(reply: Reply, extra: readonly (APIButtonComponentWithCustomId | undefined)[]): Reply {
  const shown = extra.filter((b) => b !== undefined);
  if (shown.length === 0) return reply;
  return { ...reply, components: [...(reply.components ?? []), { type: ComponentType.ActionRow, components: shown }] };
}
