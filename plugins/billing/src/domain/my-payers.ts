/**
 * Whose invoices a member may see and pay: their own (the person linked to their login) and those of the organisation
 * they are the billing contact of — the person of that organisation whose e-mail is the organisation's e-mail (the
 * members plugin keeps no other "organisation admin"). Other people of the organisation do not see its invoices.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { BillingContext } from './billing-config.ts'
import type { Payer } from './payer.ts'

/** The caller's person, and the organisation they pay for (if any). */
export async function myPayers(ctx: BillingContext): Promise<{ person: Payer; organisation?: Payer & { name: string } }> {
  const directory = ctx.services.get(membersDirectory)
  const p = await directory.personByUserId(ctx.actor().id)
  if (!p) throw problem.forbidden('Your login is not linked to a member record here.')
  const person: Payer = { payerType: 'person', payerId: p.id }
  if (!p.organisationId || !p.email) return { person }
  const org = await directory.getOrganisation(p.organisationId)
  if (!org?.email || org.email.toLowerCase() !== p.email.toLowerCase()) return { person }
  return { person, organisation: { payerType: 'organisation', payerId: org.id, name: org.name } }
}

/** Whether `inv` is one of the caller's payers' invoices. */
export function isMine(payers: Awaited<ReturnType<typeof myPayers>>, inv: Payer): boolean {
  return [payers.person, ...(payers.organisation ? [payers.organisation] : [])].some((p) => p.payerType === inv.payerType && p.payerId === inv.payerId)
}
