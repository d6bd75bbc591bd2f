/**
 * Display labels of people for the members screens: status names and badge variants (keyed by the contract's
 * `PersonStatus`, so a new status fails the build here), and what an invitation means.
 */
import type { ConsentSource, PersonLogin, PersonStatus } from '../src/contract/index.ts'

/** The label of each status. */
export const STATUS_LABELS: Record<PersonStatus, string> = { active: 'Active', suspended: 'Suspended', left: 'Left' }

/** The badge variant of each status. */
export const STATUS_VARIANTS: Record<PersonStatus, string> = { active: 'success', suspended: 'warning', left: 'neutral' }

/** The statuses, in the order the screens offer them. */
export const STATUSES = Object.keys(STATUS_LABELS) as PersonStatus[]

/** What each login state means for the person (the detail screen's "Login" fact). */
export const LOGIN_LABELS: Record<PersonLogin, string> = {
  none: 'None',
  invited: 'Invitation pending — not accepted yet',
  active: 'Invited — can sign in and book',
}

/** Who recorded a marketing consent decision. */
export const CONSENT_SOURCE_LABELS: Record<ConsentSource, string> = { staff: 'by staff', self: 'by the member', import: 'imported', mailchimp: 'from Mailchimp' }

/** What an invitation means for the person (shown after inviting). */
export const inviteNote = 'They can now sign in with their e-mail address and book for themselves.'
