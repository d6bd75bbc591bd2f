/**
 * Shapes of the members API (`/api/v1/members`) as the screens use them, and display labels.
 */
export type PersonStatus = 'active' | 'suspended' | 'left'

export interface Person {
  id: string
  name: string
  email: string | null
  phone: string | null
  organisationId: string | null
  organisationName: string | null
  status: PersonStatus
  notes: string | null
  userId: string | null
  anonymised: boolean
  createdAt: string
  updatedAt: string
}

export interface Organisation {
  id: string
  name: string
  email: string | null
  phone: string | null
  notes: string | null
  peopleCount?: number
}

export interface Page<T> { items: T[]; total: number; limit: number; offset: number }

export const STATUS_LABELS: Record<PersonStatus, string> = { active: 'Active', suspended: 'Suspended', left: 'Left' }
export const STATUS_VARIANTS: Record<PersonStatus, string> = { active: 'success', suspended: 'warning', left: 'neutral' }

/** Roles that may change people (`members.write`). */
export function canWrite(role: string | undefined): boolean {
  return !!role && ['owner', 'admin', 'manager'].includes(role)
}

/** What an invitation means for the person (shown after inviting). */
export const inviteNote = 'They can now sign in with their e-mail address and book for themselves.'
