// A reply as a document (title, description lines, sections of lines) that
// is laid out into embed pages within Discord's limits. Commands build
// documents; this file alone decides what goes on which page.
import type { APIEmbed } from 'discord-api-types/v10';
import { LIMITS } from './discord-limits.js';
import { packLines, truncate } from './text.js';

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

interface Block {
  kind: 'description' | 'field';
  name: string;
  value: string;
  inline: boolean;
}

function blocks(doc: Document, labels: PageLabels): Block[] {
  const out: Block[] = packLines(doc.description, LIMITS.embedDescription).map((value) => ({
    kind: 'description' as const,
    name: '',
    value,
    inline: false,
  }));
  for (const section of doc.sections) {
    const name = truncate(section.name, LIMITS.fieldName);
    packLines(section.lines, LIMITS.fieldValue).forEach((value, i) => {
      const fieldName = i === 0 ? name : truncate(labels.continued(section.name), LIMITS.fieldName);
      out.push({ kind: 'field', name: fieldName, value, inline: section.inline ?? false });
    });
  }
  return out;
}

/** Lays the document out into embeds, one per page, each within every limit. */
export function paginate(doc: Document, labels: PageLabels): APIEmbed[] {
  const title = truncate(doc.title, LIMITS.embedTitle);
  const footer = truncate(doc.footer, LIMITS.footerText - INDICATOR_ROOM);
  const budget = LIMITS.embedTotal - title.length - footer.length - INDICATOR_ROOM;
  const pages: Block[][] = [];
  let page: Block[] = [];
  let used = 0;
  let fields = 0;
  for (const block of blocks(doc, labels)) {
    const size = block.name.length + block.value.length;
    // A description block can only open a page: it is that page's description.
    const full = used + size > budget || (block.kind === 'field' && fields >= LIMITS.embedFields);
    if (page.length > 0 && (full || block.kind === 'description')) {
      pages.push(page);
      page = [];
      used = 0;
      fields = 0;
    }
    page.push(block);
    used += size;
    if (block.kind === 'field') fields += 1;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);

  return pages.map((blocksOnPage, i) => {
    const description = blocksOnPage.find((b) => b.kind === 'description')?.value;
    const fields = blocksOnPage.filter((b) => b.kind === 'field').map(({ name, value, inline }) => ({ name, value, inline }));
    const footerText = pages.length > 1 ? `${footer} · ${labels.indicator(i + 1, pages.length)}` : footer;
    const embed: APIEmbed = { title, color: COLOR, footer: { text: footerText } };
    if (doc.url !== undefined) embed.url = doc.url;
    if (description !== undefined) embed.description = description;
    if (fields.length > 0) embed.fields = fields;
    return embed;
  });
}
