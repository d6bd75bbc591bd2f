/**
 * The permission names the Mailchimp plugin declares, for route configs and UI `can()` checks.
 */

/** Mailchimp's permissions. */
export const mailchimpPermissions = {
  /** See the connection, audience, mapping, last sync and errors. */
  read: 'mailchimp.read',
  /** Choose the audience, change the mapping, start a sync. */
  manage: 'mailchimp.manage',
} as const

/** One of Mailchimp's permission names. */
export type MailchimpPermission = (typeof mailchimpPermissions)[keyof typeof mailchimpPermissions]
