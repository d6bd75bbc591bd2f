/**
 * The FK-like check of a payer reference: before billing stores a payer id (a charge, a wallet entry, a membership,
 * a Stripe customer), the person or organisation must exist in the current tenant — asked of `members.directory`,
 * which runs under the tenant's RLS, so another tenant's id is as unknown as a random one. A miss is a 422 naming
 * the field.
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { Payer } from './payer.ts'

/** Whether the payer exists in the current tenant. */
export async function payerExists(ctx: BillingContext, p: Payer): Promise<boolean> {
  const dir = ctx.services.get(membersDirectory)
  return p.payerType === 'person' ? !!(await dir.getPerson(p.payerId)) : !!(await dir.getOrganisation(p.payerId))
}

/** 422 naming `pointer` (default `/body/payerId`) unless the payer exists in the current tenant. */
export async function requirePayer(ctx: BillingContext, p: Payer, pointer = '/body/payerId'): Promise<void> {
  if (!(await payerExists(ctx, p))) throw problem.unprocessable(`No such ${p.payerType} in this tenant.`, [{ pointer, detail: `unknown ${p.payerType}` }])
}
