/**
 * What the members screens show for a person's login: the Invite button only for an active person with an e-mail and
 * no login yet (to a caller who may write), "Invitation pending" for a pending invitation (`login: 'invited'`)
 * instead of offering to invite again, "Invited" for a linked login. Shared by the list and the detail screen.
 */
import type { Person } from '../src/contract/index.ts'

/** The login cell or action of a person. */
export type LoginView = 'anonymised' | 'linked' | 'pending' | 'invite' | 'no-email' | 'none'

/** The login view of `person` for a caller who may (`writable`) or may not change people. */
export function loginView(person: Pick<Person, 'anonymised' | 'login' | 'status' | 'email'>, writable: boolean): LoginView {
  if (person.anonymised) return 'anonymised'
  if (person.login === 'active') return 'linked'
  if (person.login === 'invited') return 'pending'
  if (!writable || person.status !== 'active') return 'none'
  return person.email ? 'invite' : 'no-email'
}
