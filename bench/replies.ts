// Full replies through the dispatcher on the generated 10,000-article knowledge
// base, and the wall time of a cold `npx lagebild ask` as a user types it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { Locale } from 'discord-api-types/v10';

import { createCommands } from '../commands/index.js';
import { parseChatLine } from '../src/cli/chat-line.js';
import { cliCommandInteraction } from '../src/cli/interaction.js';
import { respond } from '../src/interactions/respond.js';
import { createKnowledgeBase } from '../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { generateDataset } from './generate-dataset.js';
import { formatLatency, type Latency, latencyOf } from './latency.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const commands = createCommands();
const definitions = commands.map((command) => command.definition);
/** Measured passes over the inputs. */
const ROUNDS = 5;

/**
 * Async calls one after another, ROUNDS times over the inputs, after three
 * warm-up passes (after one, the JIT is still compiling the render path and
 * its work lands in the measured calls); milliseconds. A p99 needs many
 * samples: with 200 it would be the second slowest call.
 */
async function timeAsync<T>(inputs: readonly T[], call: (input: T) => Promise<unknown>): Promise<Latency> {
  const warmups = 3;
  for (let pass = 0; pass < warmups; pass++) for (const input of inputs) await call(input);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const input of inputs) {
      const started = performance.now();
      await call(input);
      samples.push(performance.now() - started);
    }
  }
  return latencyOf(samples);
}

export async function benchReplies(print: (line: string) => void): Promise<void> {
  const dataset = generateDataset();
  const kb = createKnowledgeBase(dataset);
  const log = { error: () => undefined };
  // Rendered pages are cached per knowledge-base object from a reply's second
  // request: a fresh view of the same data per call measures first renders; on
  // the shared one, after the warm-up passes, every call is a repeat (a page press).
  const ask = (line: string, locale: Locale, view: KnowledgeBase = kb) =>
    respond(cliCommandInteraction(parseChatLine(line, definitions), locale), { kb: view, commands, log });
  const fresh = (): KnowledgeBase => Object.create(kb) as KnowledgeBase;

  const alliances = dataset.entities.filter((entity) => entity.kind === 'alliance').slice(0, 250);
  const allianceLines = alliances.map((alliance, i) => `/alliance name:${JSON.stringify(i % 2 ? alliance.name.de : alliance.id)}`);
  const words = dataset.articles.slice(0, 250).map((article) => article.title.en.split(' ').find((word) => word.length > 5) ?? 'security');
  const searchLines = words.map((word) => `/search query:${JSON.stringify(word)}`);
  const size = `${dataset.articles.length} articles`;
  const times = (inputs: readonly string[]) => `${inputs.length} × ${ROUNDS} calls`;
  print(
    `replies: full /alliance reply, first render (${times(allianceLines)}, ${size}): ${formatLatency(await timeAsync(allianceLines, (line) => ask(line, Locale.EnglishUS, fresh())))}`,
  );
  print(
    `replies: full /search reply, first render (${times(searchLines)}, ${size}): ${formatLatency(await timeAsync(searchLines, (line) => ask(line, Locale.German, fresh())))}`,
  );
  print(
    `replies: full /alliance reply, repeated (page cache, ${times(allianceLines)}): ${formatLatency(await timeAsync(allianceLines, (line) => ask(line, Locale.EnglishUS)))}`,
  );
  print(
    `replies: full /search reply, repeated (page cache, ${times(searchLines)}): ${formatLatency(await timeAsync(searchLines, (line) => ask(line, Locale.German)))}`,
  );

  const cold = (command: string, args: string[]): number => {
    const started = performance.now();
    execFileSync(command, args, { cwd: REPO, stdio: 'ignore' });
    return performance.now() - started;
  };
  const runs = (command: string, args: string[]) => {
    const times = Array.from({ length: 5 }, () => cold(command, args)).sort((a, b) => a - b);
    return `median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)}, 5 runs)`;
  };
  print(`cli: cold \`npx lagebild ask "/alliance csto"\`: ${runs('npx', ['lagebild', 'ask', '/alliance csto'])}`);
  print(
    `cli: cold \`node bin/lagebild.js ask "/alliance csto"\` (without npx's own start-up): ${runs(process.execPath, ['bin/lagebild.js', 'ask', '/alliance csto'])}`,
  );
}
