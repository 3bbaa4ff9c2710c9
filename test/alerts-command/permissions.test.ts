// Discord's documented permission algorithm ("Permissions" → "Permission Overwrites"), case by case.
import { type APIOverwrite, ChannelType, OverwriteType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';

import { judgeTarget } from '../../src/discord/channel-target.js';
import {
  ALL_PERMISSIONS,
  basePermissions,
  channelPermissions,
  hasAll,
  missingPermissions,
  type PermissionSubject,
} from '../../src/discord/permissions.js';

const GUILD = '100000000000000001';
const USER = '200000000000000001';
const MODS = '300000000000000001';
const HELPERS = '300000000000000002';
const OTHER = '300000000000000003';

const roles = [
  { id: GUILD, permissions: String(P.ViewChannel | P.SendMessages) },
  { id: MODS, permissions: String(P.EmbedLinks) },
  { id: HELPERS, permissions: String(P.AttachFiles) },
  { id: OTHER, permissions: String(P.Administrator) },
];

const subject = (memberRoles: string[], extra: Partial<PermissionSubject> = {}): PermissionSubject => ({
  guildId: GUILD,
  roles,
  userId: USER,
  memberRoles,
  ...extra,
});
const role = (id: string, allow: bigint, deny: bigint): APIOverwrite => ({ id, type: OverwriteType.Role, allow: String(allow), deny: String(deny) });
const member = (id: string, allow: bigint, deny: bigint): APIOverwrite => ({
  id,
  type: OverwriteType.Member,
  allow: String(allow),
  deny: String(deny),
});

describe('basePermissions', () => {
  it('combines @everyone with the member’s roles, and only those', () => {
    expect(basePermissions(subject([MODS]))).toBe(P.ViewChannel | P.SendMessages | P.EmbedLinks);
  });
  it('gives the owner everything, even without roles', () => {
    expect(basePermissions(subject([], { ownerId: USER }))).toBe(ALL_PERMISSIONS);
  });
  it('gives a role with Administrator everything', () => {
    expect(basePermissions(subject([OTHER]))).toBe(ALL_PERMISSIONS);
  });
});

describe('channelPermissions', () => {
  const cases: { name: string; memberRoles: string[]; overwrites: APIOverwrite[]; expected: bigint; ownerId?: string }[] = [
    { name: 'no overwrites: the base permissions', memberRoles: [MODS], overwrites: [], expected: P.ViewChannel | P.SendMessages | P.EmbedLinks },
    { name: '@everyone overwrite denies', memberRoles: [], overwrites: [role(GUILD, 0n, P.SendMessages)], expected: P.ViewChannel },
    {
      name: 'a role overwrite allows what @everyone’s overwrite denied',
      memberRoles: [MODS],
      overwrites: [role(GUILD, 0n, P.SendMessages), role(MODS, P.SendMessages, 0n)],
      expected: P.ViewChannel | P.SendMessages | P.EmbedLinks,
    },
    {
      name: 'role overwrites are combined: one role’s allow beats another role’s deny',
      memberRoles: [MODS, HELPERS],
      overwrites: [role(MODS, 0n, P.EmbedLinks), role(HELPERS, P.EmbedLinks, 0n)],
      expected: P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles,
    },
    {
      name: 'overwrites of roles the member does not have do nothing',
      memberRoles: [],
      overwrites: [role(MODS, 0n, P.ViewChannel)],
      expected: P.ViewChannel | P.SendMessages,
    },
    {
      name: 'the member overwrite comes last and wins over role allows',
      memberRoles: [MODS],
      overwrites: [role(MODS, P.AttachFiles, 0n), member(USER, 0n, P.AttachFiles | P.EmbedLinks)],
      expected: P.ViewChannel | P.SendMessages,
    },
    {
      name: 'a member overwrite for someone else does nothing',
      memberRoles: [],
      overwrites: [member('200000000000000009', 0n, P.ViewChannel)],
      expected: P.ViewChannel | P.SendMessages,
    },
    {
      name: 'a member overwrite with the id of a role is not a role overwrite',
      memberRoles: [MODS],
      overwrites: [member(MODS, 0n, P.ViewChannel)],
      expected: P.ViewChannel | P.SendMessages | P.EmbedLinks,
    },
    {
      name: 'Administrator ignores every deny',
      memberRoles: [OTHER],
      overwrites: [role(GUILD, 0n, P.ViewChannel), member(USER, 0n, P.ViewChannel)],
      expected: ALL_PERMISSIONS,
    },
    {
      name: 'the owner ignores every deny',
      memberRoles: [],
      ownerId: USER,
      overwrites: [member(USER, 0n, P.ViewChannel)],
      expected: ALL_PERMISSIONS,
    },
  ];
  it.each(cases)('$name', ({ memberRoles, overwrites, expected, ownerId }) => {
    expect(channelPermissions(subject(memberRoles, ownerId === undefined ? {} : { ownerId }), overwrites)).toBe(expected);
  });
});

describe('helpers', () => {
  it('hasAll reads Discord’s decimal strings and refuses garbage', () => {
    expect(hasAll(String(P.ManageGuild | P.ViewChannel), P.ManageGuild)).toBe(true);
    expect(hasAll(String(P.ViewChannel), P.ManageGuild)).toBe(false);
    expect(hasAll('not a number', P.ManageGuild)).toBe(false);
    expect(hasAll(undefined, P.ManageGuild)).toBe(false);
  });
  it('missingPermissions names exactly the missing bits, in the order asked', () => {
    expect(missingPermissions(P.ViewChannel, ['ViewChannel', 'SendMessages', 'EmbedLinks'])).toEqual(['SendMessages', 'EmbedLinks']);
  });
});

describe('threads use their parent’s overwrites', () => {
  const bot = { guildId: GUILD, botUserId: USER, roles: roles.map((r) => ({ ...r, mentionable: false })), botRoles: [MODS] };
  const thread = {
    id: '400000000000000002',
    type: ChannelType.PublicThread as const,
    guild_id: GUILD,
    parent_id: '400000000000000001',
    name: 't',
    thread_metadata: { archived: false, auto_archive_duration: 60, archive_timestamp: '', locked: false },
  };
  it('needs Send Messages in Threads, not Send Messages, in a thread', () => {
    const verdict = judgeTarget({ ...bot, channel: thread, overwrites: [role(GUILD, 0n, P.SendMessages)] });
    expect(verdict).toEqual({ ok: false, problem: { kind: 'missing-permissions', missing: ['SendMessagesInThreads'] } });
  });
  it('passes when the parent allows it', () => {
    const verdict = judgeTarget({ ...bot, channel: thread, overwrites: [role(MODS, P.SendMessagesInThreads, 0n)] });
    expect(verdict).toEqual({ ok: true, kind: 'thread', warnings: [] });
  });
  it('refuses an archived thread', () => {
    const archived = { ...thread, thread_metadata: { ...thread.thread_metadata, archived: true } };
    expect(judgeTarget({ ...bot, channel: archived, overwrites: [] })).toEqual({ ok: false, problem: { kind: 'archived-thread' } });
  });
});
