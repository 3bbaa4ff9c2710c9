// The default dispatcher for the benchmark: builds a /summary-sized embed
// reply, so the servers do realistic JSON work without the knowledge base.
import type { APIEmbedField } from 'discord-api-types/v10';
import { InteractionResponseType } from 'discord-api-types/v10';

import type { RespondFn } from '../../src/http/interactions-server.js';

export function createRespond(): RespondFn {
  return (interaction) => {
    const fields: APIEmbedField[] = Array.from({ length: 5 }, (_, i) => ({
      name: `Key point ${i + 1}`,
      value: `A paraphrased key point of the newest article, number ${i + 1}, long enough to look like one. `.repeat(2),
    }));
    return Promise.resolve({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: {
        embeds: [{ title: `Summary for ${interaction.id}`, description: 'The newest article in two paragraphs. '.repeat(12), fields }],
        allowed_mentions: { parse: [] },
      },
    });
  };
}
