// The one place that knows Discord's message, embed, component and
// autocomplete limits (see docs: "Embed Limits", "Message Components",
// "Autocomplete"), and checks payloads against them. Lengths are counted in
// UTF-16 code units, which is never less than what Discord counts.
import type { APIApplicationCommandOptionChoice, APIEmbed, APIInteractionResponseCallbackData } from 'discord-api-types/v10';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  url: 2048,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Characters of one embed that count toward the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

function over(problems: string[], what: string, length: number, max: number): void {
  if (length > max) problems.push(`${what} is ${length} long, over the limit of ${max}`);
}

function checkEmbed(problems: string[], embed: APIEmbed, at: string): void {
  over(problems, `${at}.title`, embed.title?.length ?? 0, LIMITS.embedTitle);
  over(problems, `${at}.description`, embed.description?.length ?? 0, LIMITS.embedDescription);
  over(problems, `${at}.footer.text`, embed.footer?.text.length ?? 0, LIMITS.footerText);
  over(problems, `${at}.author.name`, embed.author?.name.length ?? 0, LIMITS.authorName);
  over(problems, `${at}.url`, embed.url?.length ?? 0, LIMITS.url);
  const fields = embed.fields ?? [];
  over(problems, `${at}.fields`, fields.length, LIMITS.embedFields);
  fields.forEach((field, i) => {
    if (field.name.trim() === '') problems.push(`${at}.fields[${i}].name is empty`);
    if (field.value.trim() === '') problems.push(`${at}.fields[${i}].value is empty`);
    over(problems, `${at}.fields[${i}].name`, field.name.length, LIMITS.fieldName);
    over(problems, `${at}.fields[${i}].value`, field.value.length, LIMITS.fieldValue);
  });
}

function checkComponents(problems: string[], data: APIInteractionResponseCallbackData): void {
  const rows = data.components ?? [];
  over(problems, 'components', rows.length, LIMITS.actionRows);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    if (!('components' in row)) return;
    over(problems, `components[${r}]`, row.components.length, LIMITS.buttonsPerRow);
    row.components.forEach((component, c) => {
      const at = `components[${r}].components[${c}]`;
      if ('label' in component && component.label !== undefined) over(problems, `${at}.label`, component.label.length, LIMITS.buttonLabel);
      if (!('custom_id' in component)) return;
      over(problems, `${at}.custom_id`, component.custom_id.length, LIMITS.customId);
      if (ids.has(component.custom_id)) problems.push(`${at}.custom_id is not unique`);
      ids.add(component.custom_id);
    });
  });
}

/** Every way a message payload breaks Discord's limits; empty when it is fine. */
export function checkMessage(data: APIInteractionResponseCallbackData): string[] {
  const problems: string[] = [];
  over(problems, 'content', data.content?.length ?? 0, LIMITS.content);
  const embeds = data.embeds ?? [];
  over(problems, 'embeds', embeds.length, LIMITS.embeds);
  embeds.forEach((embed, i) => checkEmbed(problems, embed, `embeds[${i}]`));
  over(
    problems,
    'embeds (total characters)',
    embeds.reduce((sum, e) => sum + embedLength(e), 0),
    LIMITS.embedTotal,
  );
  checkComponents(problems, data);
  const hasBody = (data.content ?? '').trim() !== '' || embeds.length > 0 || (data.components?.length ?? 0) > 0;
  if (!hasBody) problems.push('message has neither content, embeds nor components');
  return problems;
}

/** Every way an autocomplete answer breaks Discord's limits. */
export function checkChoices(choices: readonly APIApplicationCommandOptionChoice[]): string[] {
  const problems: string[] = [];
  over(problems, 'choices', choices.length, LIMITS.choices);
  choices.forEach((choice, i) => {
    if (choice.name.length < 1) problems.push(`choices[${i}].name is empty`);
    over(problems, `choices[${i}].name`, choice.name.length, LIMITS.choiceName);
    if (typeof choice.value === 'string') over(problems, `choices[${i}].value`, choice.value.length, LIMITS.choiceValue);
  });
  return problems;
}
