// Interaction responses as readable text for a terminal: what a Discord
// user would see (title, fields, footer, buttons), markdown escapes removed.
import { type APIInteractionResponse, type APIInteractionResponseCallbackData, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';

/** Drops the backslashes and zero-width spaces that only protect the text inside Discord. */
export const plain = (text: string): string => text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1').replaceAll('\u200b', '');

const indent = (text: string): string => plain(text).replace(/^/gm, '  ');

function printMessage(data: APIInteractionResponseCallbackData): string[] {
  const out: string[] = [];
  if (((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0) out.push('(only you can see this)');
  if (data.content !== undefined && data.content !== '') out.push(plain(data.content));
  for (const embed of data.embeds ?? []) {
    if (embed.title !== undefined) out.push(`# ${plain(embed.title)}${embed.url === undefined ? '' : `  <${embed.url}>`}`);
    if (embed.description !== undefined) out.push(plain(embed.description));
    for (const field of embed.fields ?? []) out.push('', `## ${plain(field.name)}`, indent(field.value));
    if (embed.footer !== undefined) out.push('', `-- ${plain(embed.footer.text)}`);
  }
  // Read loosely: any component with a label or custom id shows as a button.
  const rows = (data.components ?? []) as readonly { components?: readonly { label?: string; custom_id?: string; disabled?: boolean }[] }[];
  const labels = rows
    .flatMap((row) => row.components ?? [])
    .map((b) => `[${b.label ?? ''}${b.disabled === true ? ' (disabled)' : ''}${b.custom_id === undefined ? '' : ` ${b.custom_id}`}]`);
  if (labels.length > 0) out.push(labels.join(' '));
  return out;
}

export function printResponse(response: APIInteractionResponse): string {
  switch (response.type) {
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage:
      return printMessage(response.data ?? {}).join('\n');
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const choices = response.data.choices ?? [];
      return choices.length === 0 ? '(no choices)' : choices.map((c) => `${c.name}  →  ${c.value}`).join('\n');
    }
    default:
      return JSON.stringify(response);
  }
}
