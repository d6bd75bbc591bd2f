/**
 * The permission names {{title}} declares, for route configs and the screen's `can()` checks. Which roles hold each
 * is the plugin's own declaration (`src/index.ts`). No imports: the UI bundle takes these constants as they are.
 */

/** {{title}}'s permissions. @public */
export const {{camel}}Permissions = {
  /** See the tenant's notes. */
  read: '{{id}}.read',
  /** Write and delete notes. */
  manage: '{{id}}.manage',
} as const

/** One of {{title}}'s permission names. @public */
export type {{Pascal}}Permission = (typeof {{camel}}Permissions)[keyof typeof {{camel}}Permissions]
