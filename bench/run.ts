// `npm run bench`: prints every figure the issues ask for, section by section.
// `npm run bench -- knowledge,replies` runs a subset (knowledge, replies, http, http-slow, gateway, alerts, fanout-scale, feeds, feed-ingest, news, matching, draft).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const print = (line: string) => process.stdout.write(`${line}\n`);
const realRespond = { module: fileURLToPath(new URL('./http/real-respond.js', import.meta.url)) };

// Imported when run, so one section's dependencies never slow or break another.
const sections: Record<string, () => Promise<unknown>> = {
  knowledge: async () => (await import('./knowledge.js')).benchKnowledge(print),
  replies: async () => (await import('./replies.js')).benchReplies(print),
  http: async () => (await import('./http.js')).benchHttp(print, { respond: realRespond }),
  'http-slow': async () => (await import('./http/slow-clients.js')).benchHttpSlowClients(print),
  gateway: async () => (await import('./gateway-memory.js')).benchGatewayMemory(print),
  alerts: async () => (await import('./alerts.js')).benchAlerts(print),
  'fanout-scale': async () => (await import('./fanout-scale.js')).benchFanOutScale(print),
  feeds: async () => (await import('./feeds.js')).benchFeeds(print),
  'feed-ingest': async () => (await import('./feed-ingest.js')).benchFeedIngest(print),
  news: async () => (await import('./news.js')).benchNews(print),
  matching: async () => (await import('./matching.js')).benchMatching(print),
  draft: async () => (await import('./draft-quality.js')).benchDraftQuality(print),
};

const chosen = process.argv[2]?.split(',').map((name) => name.trim()) ?? Object.keys(sections);
const unknown = chosen.filter((name) => !Object.hasOwn(sections, name));
if (unknown.length > 0) {
  process.stderr.write(`unknown section ${unknown.join(', ')}; choose from ${Object.keys(sections).join(', ')}\n`);
  process.exit(2);
}

if (chosen.length === 1) {
  await sections[chosen[0]!]!();
} else {
  // Each section in a process of its own: the heap one section leaves behind
  // (a 10,000-article knowledge base is 300 MB) would slow the next one's collector.
  const self = fileURLToPath(import.meta.url);
  for (const name of chosen) {
    print(`\n== ${name} ==`);
    const { status } = spawnSync(process.execPath, [...process.execArgv, self, name], { stdio: 'inherit' });
    if (status !== 0) process.exitCode = 1;
  }
}
