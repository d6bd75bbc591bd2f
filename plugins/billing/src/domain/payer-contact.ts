/**
 * A payer's name and e-mail address, from members' directory: a person's (none once anonymised) or an organisation's
 * (its billing contact address). The address is where notifications sends invoice mail, so a payer without one can be
 * sent no reminder.
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { BillingContext } from './billing-config.ts'
import type { Payer } from './payer.ts'
import { payerKey } from './payer.ts'

/** A payer's display name and e-mail (null: none). */
export interface PayerContact {
  name: string
  email: string | null
}

/** The name and e-mail of `p`; an unknown payer keeps its id as name, without an address. */
export async function payerContact(ctx: BillingContext, p: Payer): Promise<PayerContact> {
  const directory = ctx.services.get(membersDirectory)
  if (p.payerType === 'person') {
    const person = await directory.getPerson(p.payerId)
    return { name: person?.name ?? p.payerId, email: person && !person.anonymised ? person.email : null }
  }
  const org = await directory.getOrganisation(p.payerId)
  return { name: org?.name ?? `Organisation ${p.payerId}`, email: org?.email ?? null }
}

/** A payer's display name (documents, lists). */
export async function payerName(ctx: BillingContext, p: Payer): Promise<string> {
  return (await payerContact(ctx, p)).name
}

/** The contact of each distinct payer of `rows`, each looked up once. */
async function contactsOf(ctx: BillingContext, rows: readonly Payer[]): Promise<Map<string, PayerContact>> {
  const contacts = new Map<string, PayerContact>()
  for (const r of rows) if (!contacts.has(payerKey(r))) contacts.set(payerKey(r), await payerContact(ctx, r))
  return contacts
}

/** `rows` with `payerName` (staff lists, search). */
export async function withPayerNames<T extends Payer>(ctx: BillingContext, rows: T[]): Promise<(T & { payerName: string })[]> {
  const contacts = await contactsOf(ctx, rows)
  return rows.map((r) => ({ ...r, payerName: contacts.get(payerKey(r))!.name }))
}

/** `rows` with `payerName` and `payerEmail` (the dunning view). */
export async function withPayerContacts<T extends Payer>(ctx: BillingContext, rows: T[]): Promise<(T & { payerName: string; payerEmail: string | null })[]> {
  const contacts = await contactsOf(ctx, rows)
  return rows.map((r) => {
    const c = contacts.get(payerKey(r))!
    return { ...r, payerName: c.name, payerEmail: c.email }
  })
}
