/**
 * Inviting a person: `POST /people/:id/invite` gives them a member login (or links the existing one with their
 * e-mail), after the app's own confirmation. Shared by the list and the detail screen.
 */
import { api, confirmAction, toast } from '@tessera/ui-kit'
import { inviteNote } from './person-labels.ts'
import type { Person } from '../src/contract/index.ts'

export async function invitePerson(person: Person): Promise<Person | undefined> {
  // sending an invitation e-mails a stranger: asked first, in the app's own dialog
  const ok = await confirmAction({
    heading: `Invite ${person.name}?`,
    message: `${person.email ?? 'They'} will get a login to this space as a member${person.email ? ' and an e-mail to set a password' : ''}.`,
    confirmLabel: 'Send invitation',
  })
  if (!ok) return undefined
  try {
    const updated = await api<Person>(`/api/v1/members/people/${person.id}/invite`, { method: 'POST', body: {} })
    toast({ variant: 'success', title: `${person.name} invited`, message: inviteNote })
    return updated
  } catch (error) {
    toast(error)
    return undefined
  }
}
