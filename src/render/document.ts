// A reply as a document (title, description lines, sections of lines) that
// is laid out into embed pages within Discord's limits. Commands build
// documents; this file alone decides what goes on which page.
import type { APIEmbed } from 'discord-api-types/v10';

import { LIMITS } from './discord-limits.js';
import { groupLines, truncate } from './text.js';

export interface DocumentSection {
  /** Shown as the field name; already safe for markdown. */
  name: string;
  lines: string[];
  inline?: boolean;
}

export interface Document {
  title: string;
  url?: string;
  description: string[];
  sections: DocumentSection[];
  footer: string;
}

export interface PageLabels {
  /** Field name for a section continued from the previous field or page. */
  continued(name: string): string;
  /** Footer addition such as "Page 2/3". */
  indicator(page: number, pages: number): string;
}

const COLOR = 0x2b5797;
// Room kept for the page indicator in the footer (e.g. " · Seite 12/12").
const INDICATOR_ROOM = 32;

/**
 * A document laid out into pages. Laying out needs only the sizes of the
 * pieces; a page's embed is made when asked for, as a first answer shows one.
 */
export interface Pages {
  readonly count: number;
  /** 0-based, within count. */
  page(index: number): APIEmbed;
}

interface Block {
  kind: 'description' | 'field';
  name: string;
  /** Lines of the description or field value, joined when the page is made. */
  lines: string[];
  /** Characters the block counts towards the embed total. */
  size: number;
  inline: boolean;
}

const block = (kind: Block['kind'], name: string, lines: string[], inline: boolean): Block => {
  let size = name.length + lines.length - 1;
  for (const line of lines) size += line.length;
  return { kind, name, lines, size, inline };
};

function blocks(doc: Document, labels: PageLabels): Block[] {
  const out = groupLines(doc.description, LIMITS.embedDescription).map((lines) => block('description', '', lines, false));
  for (const section of doc.sections) {
    const name = truncate(section.name, LIMITS.fieldName);
    groupLines(section.lines, LIMITS.fieldValue).forEach((lines, i) => {
      const fieldName = i === 0 ? name : truncate(labels.continued(section.name), LIMITS.fieldName);
      out.push(block('field', fieldName, lines, section.inline ?? false));
    });
  }
  return out;
}

/** Lays the document out into pages, each within every limit. */
export function layOut(doc: Document, labels: PageLabels): Pages {
  const title = truncate(doc.title, LIMITS.embedTitle);
  const footer = truncate(doc.footer, LIMITS.footerText - INDICATOR_ROOM);
  const budget = LIMITS.embedTotal - title.length - footer.length - INDICATOR_ROOM;
  const pages: Block[][] = [];
  let page: Block[] = [];
  let used = 0;
  let fields = 0;
  for (const block of blocks(doc, labels)) {
    // A description block can only open a page: it is that page's description.
    const full = used + block.size > budget || (block.kind === 'field' && fields >= LIMITS.embedFields);
    if (page.length > 0 && (full || block.kind === 'description')) {
      pages.push(page);
      page = [];
      used = 0;
      fields = 0;
    }
    page.push(block);
    used += block.size;
    if (block.kind === 'field') fields += 1;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);

  const embed = (i: number): APIEmbed => {
    const blocksOnPage = pages[i] ?? [];
    const description = blocksOnPage.find((b) => b.kind === 'description')?.lines.join('\n');
    const fields = blocksOnPage.filter((b) => b.kind === 'field').map(({ name, lines, inline }) => ({ name, value: lines.join('\n'), inline }));
    const footerText = pages.length > 1 ? `${footer} · ${labels.indicator(i + 1, pages.length)}` : footer;
    const embed: APIEmbed = { title, color: COLOR, footer: { text: footerText } };
    if (doc.url !== undefined) embed.url = doc.url;
    if (description !== undefined) embed.description = description;
    if (fields.length > 0) embed.fields = fields;
    return embed;
  };
  return { count: pages.length, page: embed };
}

/** Every page made. */
export function allPages(pages: Pages): APIEmbed[] {
  return Array.from({ length: pages.count }, (_, i) => pages.page(i));
}

/** Pages already made. */
export function madePages(embeds: readonly APIEmbed[]): Pages {
  return { count: embeds.length, page: (index) => embeds[index]! };
}
