/**
 * Mailchimp's id of a contact in an audience: the MD5 of the lower-cased e-mail address.
 */
import { createHash } from 'node:crypto'

/** `md5(lower(email))`, hex. */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.toLowerCase()).digest('hex')
}
