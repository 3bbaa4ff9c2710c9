// `npm run bench`: prints every figure the issues ask for, section by section.
// `npm run bench -- knowledge,replies` runs a subset (knowledge, replies, http, gateway, alerts, feeds).
import { fileURLToPath } from 'node:url';

const print = (line: string) => process.stdout.write(`${line}\n`);
const realRespond = { module: fileURLToPath(new URL('./http/real-respond.js', import.meta.url)) };

// Imported when run, so one section's dependencies never slow or break another.
const sections: Record<string, () => Promise<unknown>> = {
  knowledge: async () => (await import('./knowledge.js')).benchKnowledge(print),
  replies: async () => (await import('./replies.js')).benchReplies(print),
  http: async () => (await import('./http.js')).benchHttp(print, { respond: realRespond }),
  gateway: async () => (await import('./gateway-memory.js')).benchGatewayMemory(print),
  alerts: async () => (await import('./alerts.js')).benchAlerts(print),
  feeds: async () => (await import('./feeds.js')).benchFeeds(print),
};

const only = process.argv[2]?.split(',').map((name) => name.trim());
for (const [name, run] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  print(`\n== ${name} ==`);
  await run();
}
