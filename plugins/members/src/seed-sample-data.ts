/**
 * The `seed` hook: loads sample organisations and people from a tenant manifest (`data.members`). A person with
 * `login: true` is invited as a member, so the demo's member account has a person to book for.
 */
import type { PluginContext } from '@tessera/sdk'
import { insertOrganisation } from './store/organisation-store.ts'
import { insertPerson, updatePerson } from './store/person-store.ts'

/** Sample data shape. */
export interface MembersSampleData {
  organisations?: { name: string; email?: string }[]
  people?: { name: string; email: string; phone?: string; organisation?: string; login?: boolean }[]
}

/** Inserts the sample data in the current tenant. */
export async function seedSampleData(ctx: PluginContext, data: unknown): Promise<void> {
  const sample = (data ?? {}) as MembersSampleData
  const orgIds = new Map<string, string>()
  for (const o of sample.organisations ?? []) orgIds.set(o.name, await insertOrganisation(ctx.db, { name: o.name, email: o.email ?? null }))
  for (const p of sample.people ?? []) {
    const id = await insertPerson(ctx.db, { name: p.name, email: p.email, phone: p.phone ?? null, organisationId: p.organisation ? (orgIds.get(p.organisation) ?? null) : null })
    if (p.login) {
      const invited = await ctx.identity.invite({ email: p.email, name: p.name, role: 'member' })
      await updatePerson(ctx.db, id, invited.user ? { userId: invited.user.id } : { invitationId: invited.invitationId })
    }
  }
}
