/**
 * Inviting a person: `POST /people/:id/invite` gives them a member login (or links the existing one with their
 * e-mail). Shared by the list and the detail screen.
 */
import { api, toast } from '@tessera/ui-kit'
import { inviteNote } from './person-labels.ts'
import type { Person } from '../src/contract/index.ts'

export async function invitePerson(person: Person): Promise<Person | undefined> {
  try {
    const updated = await api<Person>(`/api/v1/members/people/${person.id}/invite`, { method: 'POST', body: {} })
    toast({ variant: 'success', title: `${person.name} invited`, message: inviteNote })
    return updated
  } catch (error) {
    toast(error)
    return undefined
  }
}
