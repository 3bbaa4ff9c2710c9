// Which channels want alerts on which topics. Each guild's subscriptions are one
// list, changed only by atomic store updates (two moderators adding at once lose
// nothing, the limit holds); a set per topic indexes them, so a publication finds
// its subscribers without reading any other guild's list.
import { randomBytes } from 'node:crypto';

import type { Language } from '../i18n/language.js';
import type { Store } from '../store/store.js';

export const MAX_SUBSCRIPTIONS_PER_GUILD = 25;

const LISTS = 'alert-subscriptions';
const INDEX = 'alert-index';

export type PauseReason = 'missing-access' | 'missing-permissions' | 'unknown-channel';

export interface SubscriptionPause {
  reason: PauseReason;
  /** Discord's error code (50001, 50013, 10003). */
  code?: number;
  /** ISO 8601. */
  at: string;
}

export interface Subscription {
  id: string;
  guildId: string;
  channelId: string;
  /** A topic or entity id of the knowledge base. */
  topic: string;
  /** The role the alert pings, if a moderator chose one. */
  roleId?: string;
  language: Language;
  /** User id of the moderator. */
  createdBy: string;
  /** ISO 8601. */
  createdAt: string;
  /** Set while deliveries to the channel are stopped because Discord refused them. */
  paused?: SubscriptionPause;
}

export type AddResult =
  { status: 'added'; subscription: Subscription } | { status: 'duplicate'; existing: Subscription } | { status: 'limit'; limit: number };

export interface SubscriptionRepository {
  add(subscription: Subscription): Promise<AddResult>;
  /** Resolves the removed subscription, or undefined if the guild has none with that id. */
  remove(guildId: string, id: string): Promise<Subscription | undefined>;
  /** The guild's subscriptions in the order they were added. */
  list(guildId: string): Promise<Subscription[]>;
  get(guildId: string, id: string): Promise<Subscription | undefined>;
  /** Active (not paused) subscriptions to any of `topics`, found through the topic index. */
  forTopics(topics: Iterable<string>): Promise<Subscription[]>;
  /**
   * Pauses the subscription and every other one of its guild to the same channel (what
   * Discord refused is the channel). Resolves those that were not paused before: empty
   * when another worker got there first, so only one caller tells the moderators.
   */
  pause(guildId: string, id: string, pause: Omit<SubscriptionPause, 'at'>): Promise<Subscription[]>;
  /** Resumes the subscription's channel; resolves the subscriptions that were paused. */
  resume(guildId: string, id: string): Promise<Subscription[]>;
}

/** A short random id moderators can type (`/alerts remove`). */
export function newSubscriptionId(): string {
  return randomBytes(6).toString('base64url');
}

const indexMember = (guildId: string, id: string): string => `${guildId}/${id}`;

export function createSubscriptionRepository(store: Store): SubscriptionRepository {
  const lists = store.namespace<Subscription[]>(LISTS);

  /** Applies `change` to the subscriptions of the channel that `id` posts to; resolves the ones it changed. */
  async function changeChannel(
    guildId: string,
    id: string,
    change: (subscription: Subscription) => Subscription | undefined,
  ): Promise<Subscription[]> {
    return store.update<Subscription[], Subscription[]>(LISTS, guildId, (current) => {
      const channelId = current?.find((s) => s.id === id)?.channelId;
      if (!current || channelId === undefined) return { value: current, result: [] };
      const changed: Subscription[] = [];
      const value = current.map((subscription) => {
        const next = subscription.channelId === channelId ? change(subscription) : undefined;
        if (!next) return subscription;
        changed.push(next);
        return next;
      });
      return { value, result: changed };
    });
  }

  return {
    async add(subscription) {
      const member = indexMember(subscription.guildId, subscription.id);
      // Indexed first: a crash in between leaves an index entry without a subscription,
      // which lookups skip, never a subscription that no lookup can find.
      await store.addToSet(INDEX, subscription.topic, member);
      const result = await store.update<Subscription[], AddResult>(LISTS, subscription.guildId, (current = []) => {
        const existing = current.find((s) => s.id === subscription.id || (s.channelId === subscription.channelId && s.topic === subscription.topic));
        if (existing) return { value: current, result: { status: 'duplicate', existing } };
        if (current.length >= MAX_SUBSCRIPTIONS_PER_GUILD) return { value: current, result: { status: 'limit', limit: MAX_SUBSCRIPTIONS_PER_GUILD } };
        return { value: [...current, subscription], result: { status: 'added', subscription } };
      });
      const keepIndex = result.status === 'added' || (result.status === 'duplicate' && result.existing.id === subscription.id);
      if (!keepIndex) await store.removeFromSet(INDEX, subscription.topic, member);
      return result;
    },

    async remove(guildId, id) {
      const removed = await store.update<Subscription[], Subscription | undefined>(LISTS, guildId, (current) => ({
        value: current?.filter((s) => s.id !== id),
        result: current?.find((s) => s.id === id),
      }));
      if (removed) await store.removeFromSet(INDEX, removed.topic, indexMember(guildId, id));
      return removed;
    },

    async list(guildId) {
      return (await lists.get(guildId)) ?? [];
    },

    async get(guildId, id) {
      return (await lists.get(guildId))?.find((s) => s.id === id);
    },

    async forTopics(topics) {
      const wanted = new Set(topics);
      const members = await Promise.all([...wanted].map((topic) => store.setMembers(INDEX, topic)));
      const idsByGuild = new Map<string, Set<string>>();
      for (const member of members.flat()) {
        const slash = member.indexOf('/');
        const guildId = member.slice(0, slash);
        let ids = idsByGuild.get(guildId);
        if (!ids) idsByGuild.set(guildId, (ids = new Set()));
        ids.add(member.slice(slash + 1));
      }
      const found = await Promise.all(
        [...idsByGuild].map(async ([guildId, ids]) =>
          ((await lists.get(guildId)) ?? []).filter((s) => ids.has(s.id) && wanted.has(s.topic) && !s.paused),
        ),
      );
      return found.flat();
    },

    pause(guildId, id, pause) {
      const paused: SubscriptionPause = { ...pause, at: new Date().toISOString() };
      return changeChannel(guildId, id, (s) => (s.paused ? undefined : { ...s, paused }));
    },

    resume(guildId, id) {
      return changeChannel(guildId, id, (s) => {
        if (!s.paused) return undefined;
        const { paused: _cleared, ...active } = s;
        return active;
      });
    },
  };
}
