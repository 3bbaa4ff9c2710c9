import { expect, it } from 'vitest';

import { createSubscriptionRepository, MAX_SUBSCRIPTIONS_PER_GUILD } from '../../src/alerts/subscriptions.js';
import { describeEachBackend, openFresh } from '../store/store-fixtures.js';
import { subscription } from './alert-fixtures.js';

const GUILD_A = '200000000000000001';
const GUILD_B = '200000000000000002';
const CHANNEL_1 = '300000000000000001';
const CHANNEL_2 = '300000000000000002';

describeEachBackend('alert subscriptions', (backend) => {
  it('keeps each guild to its own list', async () => {
    const repo = createSubscriptionRepository(await openFresh(backend));
    const a = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'csto' });
    const b = subscription({ guildId: GUILD_B, channelId: CHANNEL_2, topic: 'csto' });
    expect(await repo.add(a)).toEqual({ status: 'added', subscription: a });
    expect(await repo.add(b)).toEqual({ status: 'added', subscription: b });
    expect(await repo.list(GUILD_A)).toEqual([a]);
    expect(await repo.list(GUILD_B)).toEqual([b]);
    expect(await repo.remove(GUILD_B, a.id)).toBeUndefined();
    expect(await repo.list(GUILD_A)).toEqual([a]);
  });

  it('refuses a duplicate (guild, channel, topic) and the subscription over the limit, as values', async () => {
    const repo = createSubscriptionRepository(await openFresh(backend));
    const first = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'csto' });
    await repo.add(first);
    const again = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'csto' });
    expect(await repo.add(again)).toEqual({ status: 'duplicate', existing: first });
    expect((await repo.add(subscription({ guildId: GUILD_A, channelId: CHANNEL_2, topic: 'csto' }))).status).toBe('added');
    for (let i = 2; i < MAX_SUBSCRIPTIONS_PER_GUILD; i++) {
      expect((await repo.add(subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: `topic-${i}` }))).status).toBe('added');
    }
    const over = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'nato' });
    expect(await repo.add(over)).toEqual({ status: 'limit', limit: MAX_SUBSCRIPTIONS_PER_GUILD });
    expect(await repo.list(GUILD_A)).toHaveLength(MAX_SUBSCRIPTIONS_PER_GUILD);
    // Refused subscriptions leave nothing in the index.
    expect(await repo.forTopics(['nato'])).toEqual([]);
    expect((await repo.forTopics(['csto'])).map((s) => s.id)).toEqual([first.id, expect.any(String)]);
  });

  it('loses nothing when two moderators add at once through two store connections', async () => {
    const location = backend.freshLocation();
    const [one, two] = [createSubscriptionRepository(await location.open()), createSubscriptionRepository(await location.open())];
    const perSide = 15;
    const make = (side: string, i: number) => subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: `${side}-${i}` });
    const results = await Promise.all([
      ...Array.from({ length: perSide }, (_, i) => one.add(make('one', i))),
      ...Array.from({ length: perSide }, (_, i) => two.add(make('two', i))),
    ]);
    const added = results.flatMap((r) => (r.status === 'added' ? [r.subscription.id] : []));
    expect(added).toHaveLength(MAX_SUBSCRIPTIONS_PER_GUILD);
    expect(results.filter((r) => r.status === 'limit')).toHaveLength(2 * perSide - MAX_SUBSCRIPTIONS_PER_GUILD);
    const stored = await one.list(GUILD_A);
    expect(stored.map((s) => s.id).sort()).toEqual([...added].sort());
  });

  it('finds subscriptions by topic through the index, across guilds', async () => {
    const repo = createSubscriptionRepository(await openFresh(backend));
    const csto = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'csto' });
    const nato = subscription({ guildId: GUILD_B, channelId: CHANNEL_2, topic: 'nato' });
    const armenia = subscription({ guildId: GUILD_B, channelId: CHANNEL_2, topic: 'armenia' });
    for (const s of [csto, nato, armenia]) await repo.add(s);
    expect(await repo.forTopics(['csto'])).toEqual([csto]);
    expect(new Set(await repo.forTopics(['nato', 'armenia', 'russia']))).toEqual(new Set([nato, armenia]));
    expect(await repo.forTopics(['russia'])).toEqual([]);
    await repo.remove(GUILD_B, nato.id);
    expect(await repo.forTopics(['nato', 'armenia'])).toEqual([armenia]);
  });

  it("pauses a channel's subscriptions once, hides them from lookups and resumes them", async () => {
    const repo = createSubscriptionRepository(await openFresh(backend));
    const a = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'csto' });
    const b = subscription({ guildId: GUILD_A, channelId: CHANNEL_1, topic: 'nato' });
    const elsewhere = subscription({ guildId: GUILD_A, channelId: CHANNEL_2, topic: 'csto' });
    for (const s of [a, b, elsewhere]) await repo.add(s);
    const paused = await repo.pause(GUILD_A, a.id, { reason: 'missing-permissions', code: 50013 });
    expect(paused.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(paused[0]?.paused).toMatchObject({ reason: 'missing-permissions', code: 50013, at: expect.any(String) as unknown });
    expect(await repo.pause(GUILD_A, b.id, { reason: 'missing-access' })).toEqual([]);
    expect((await repo.get(GUILD_A, b.id))?.paused?.reason).toBe('missing-permissions');
    expect(await repo.forTopics(['csto', 'nato'])).toEqual([elsewhere]);
    expect((await repo.resume(GUILD_A, b.id)).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(await repo.forTopics(['csto', 'nato'])).toHaveLength(3);
  });
});
