// A member's permissions in a channel, computed the way Discord documents it
// ("Permissions" → "Permission Overwrites"): @everyone's and the member's role
// permissions; the owner and Administrator have everything; then the channel's
// @everyone overwrite, all the member's role overwrites combined, and the
// member's own overwrite, each denying before it allows. A thread has no
// overwrites of its own: pass its parent channel's.
import { type APIOverwrite, type APIRole, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

export type PermissionName = keyof typeof PermissionFlagsBits;

export interface PermissionSubject {
  guildId: string;
  /** Absent when unknown; then only Administrator short-circuits. */
  ownerId?: string;
  /** The guild's roles; @everyone is the role whose id is the guild id. */
  roles: readonly Pick<APIRole, 'id' | 'permissions'>[];
  userId: string;
  /** The member's role ids, without @everyone. */
  memberRoles: readonly string[];
}

/** Permissions from the member's roles alone, before any channel. */
export function basePermissions(subject: PermissionSubject): bigint {
  if (subject.ownerId !== undefined && subject.ownerId === subject.userId) return ALL_PERMISSIONS;
  const held = new Set([subject.guildId, ...subject.memberRoles]);
  const permissions = subject.roles.filter((role) => held.has(role.id)).reduce((all, role) => all | BigInt(role.permissions), 0n);
  return permissions & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : permissions;
}

/** Permissions in a channel with these overwrites (a thread: its parent's). */
export function channelPermissions(subject: PermissionSubject, overwrites: readonly APIOverwrite[]): bigint {
  let permissions = basePermissions(subject);
  if (permissions === ALL_PERMISSIONS) return permissions;
  const apply = (allow: bigint, deny: bigint): void => {
    permissions = (permissions & ~deny) | allow;
  };
  const everyone = overwrites.find((o) => o.type === OverwriteType.Role && o.id === subject.guildId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  const roles = new Set(subject.memberRoles);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type !== OverwriteType.Role || o.id === subject.guildId || !roles.has(o.id)) continue;
    allow |= BigInt(o.allow);
    deny |= BigInt(o.deny);
  }
  apply(allow, deny);
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === subject.userId);
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions;
}

/** Whether a permission bit set (as Discord sends it, a decimal string) holds every bit of `needed`. */
export function hasAll(permissions: string | bigint | undefined, needed: bigint): boolean {
  if (permissions === undefined) return false;
  try {
    return (BigInt(permissions) & needed) === needed;
  } catch {
    // Not a number: the payload is not Discord's.
    return false;
  }
}

/** The names of the bits of `needed` that `permissions` lacks, in the order given. */
export function missingPermissions<N extends PermissionName>(permissions: bigint, needed: readonly N[]): N[] {
  return needed.filter((name) => (permissions & PermissionFlagsBits[name]) === 0n);
}
