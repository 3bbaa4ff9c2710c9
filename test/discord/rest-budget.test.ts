// The shared REST budget (src/discord/rest-budget.ts) under real REST clients and a
// real store, with Discord replaced by a function that records when each request
// went out: interaction-token requests pass untouched, interactive requests go before
// alert sends, and one client's 429 or exhausted bucket holds the other clients.
import { REST, type RESTOptions } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { expect, it } from 'vitest';

import { budgetedRequests, type RequestPriority, routeScope } from '../../src/discord/rest-budget.js';
import type { Store } from '../../src/store/store.js';
import { describeEachBackend } from '../store/store-fixtures.js';

type Answer = (url: string) => { status: number; headers?: Record<string, string> };

interface Sent {
  url: string;
  at: number;
  auth: boolean;
}

/** A REST client over `store`'s budget whose requests end in `sent` and are answered by `answer`. */
function client(store: Store, priority: RequestPriority, sent: Sent[], perSecond: number, answer: Answer = () => ({ status: 200 })): REST {
  const send: RESTOptions['makeRequest'] = (url, init) => {
    const headers = init.headers as Record<string, string>;
    sent.push({ url, at: performance.now(), auth: headers.Authorization !== undefined });
    const { status, headers: extra } = answer(url);
    return Promise.resolve(new Response('{}', { status, headers: { 'content-type': 'application/json', ...extra } }));
  };
  return new REST({
    api: 'http://discord.test/api',
    retries: 0,
    makeRequest: budgetedRequests({ store, priority, timeoutMs: 5_000, perSecond, send }),
  }).setToken('budget-test-token');
}

const CHANNEL = '123456789012345678';

it('keys a request by method and route, keeping only the major id', () => {
  expect(routeScope('post', `http://d/api/v10/channels/${CHANNEL}/messages`)).toBe(`POST /channels/${CHANNEL}/messages`);
  expect(routeScope('GET', `http://d/api/v10/guilds/${CHANNEL}/members/223456789012345678`)).toBe(`GET /guilds/${CHANNEL}/members/:id`);
  expect(routeScope('PUT', `http://d/api/v10/applications/${CHANNEL}/commands`)).toBe('PUT /applications/:id/commands');
});

describeEachBackend('the shared REST budget', (backend) => {
  it('lets interaction-token requests pass while bot-token requests wait for a turn', async () => {
    const store = await backend.freshLocation().open();
    const sent: Sent[] = [];
    const rest = client(store, 'interactive', sent, 2);
    const started = performance.now();
    const bot = Promise.all([1, 2, 3].map(() => rest.get(Routes.channel(CHANNEL))));
    const callbacks = Promise.all([1, 2, 3, 4, 5].map((n) => rest.post(Routes.interactionCallback(`${n}`, 'token'), { body: {}, auth: false })));
    await callbacks;
    await bot;
    const exempt = sent.filter((s) => !s.auth);
    expect(exempt).toHaveLength(5);
    // None of them waited for the second that the third bot-token request had to.
    for (const each of exempt) expect(each.at - started).toBeLessThan(500);
    const withToken = sent.filter((s) => s.auth).map((s) => s.at - started);
    expect(withToken).toHaveLength(3);
    expect(withToken[2]).toBeGreaterThanOrEqual(1000);
  });

  it('sends a moderator’s lookups before alert sends waiting for the same turns, across processes', async () => {
    const location = backend.freshLocation();
    const [one, other] = [await location.open(), await location.open()];
    const sent: Sent[] = [];
    const alerts = client(one, 'background', sent, 3);
    const commands = client(other, 'interactive', sent, 3);
    const fanOut = Promise.all(Array.from({ length: 8 }, (_, n) => alerts.post(Routes.channelMessages(`${CHANNEL.slice(0, -1)}${n}`), { body: {} })));
    // The fan-out holds every turn it may (2 of 3); the lookups come while it waits for more.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lookups = Promise.all([
      commands.get(Routes.guildRoles(CHANNEL)),
      commands.get(Routes.channel(CHANNEL)),
      commands.get(Routes.guild(CHANNEL)),
    ]);
    await Promise.all([fanOut, lookups]);
    const order = sent.map((s) => (s.url.includes('/messages') ? 'alert' : 'lookup'));
    // Two alerts went first; then all three lookups before any further alert.
    expect(order.slice(0, 5)).toEqual(['alert', 'alert', 'lookup', 'lookup', 'lookup']);
    expect(order.filter((o) => o === 'alert')).toHaveLength(8);
  });

  it('holds every process after one was told of a global 429 or an exhausted bucket', async () => {
    const location = backend.freshLocation();
    const [one, other] = [await location.open(), await location.open()];
    const sent: Sent[] = [];
    let limited = true;
    const first = client(one, 'background', sent, 50, (url) => {
      if (!limited || !url.includes('/messages')) return { status: 200 };
      limited = false;
      return { status: 429, headers: { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global', 'retry-after': '1' } };
    });
    const second = client(other, 'background', sent, 50, (url) =>
      url.endsWith(`/guilds/${CHANNEL}`)
        ? { status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.600', 'x-ratelimit-bucket': 'b' } }
        : { status: 200 },
    );
    const limitedAt = performance.now();
    // REST in the first process waits out its own 429 and sends again.
    const retried = first.post(Routes.channelMessages(CHANNEL), { body: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await second.get(Routes.channel(CHANNEL));
    const elsewhere = sent.at(-1)!;
    expect(elsewhere.url).toContain(`/channels/${CHANNEL}`);
    expect(elsewhere.at - limitedAt).toBeGreaterThanOrEqual(950);
    await retried;

    // A bucket announced as exhausted holds that route in the other process, not others.
    await second.get(Routes.guild(CHANNEL));
    const exhaustedAt = performance.now();
    await first.get(Routes.guildRoles(CHANNEL));
    expect(performance.now() - exhaustedAt).toBeLessThan(400);
    await first.get(Routes.guild(CHANNEL));
    expect(sent.at(-1)!.at - exhaustedAt).toBeGreaterThanOrEqual(550);
  });
});
