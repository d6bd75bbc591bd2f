/**
 * The permission names members declares, for route configs, `ctx.can()` and UI `can()` checks.
 */

/** Members' permissions. */
export const membersPermissions = {
  /** See people and organisations. */
  read: 'members.read',
  /** Create and change people and organisations, invite members. */
  write: 'members.write',
  /** Export and anonymise a person (GDPR requests). */
  gdpr: 'members.gdpr',
  /** Read one's own member record and set one's marketing consent. */
  self: 'members.self',
} as const

/** One of members' permission names. */
export type MembersPermission = (typeof membersPermissions)[keyof typeof membersPermissions]
