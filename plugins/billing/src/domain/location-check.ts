/**
 * A location named on a plan or a charge must be one of the tenant's locations in spaces (`spacesCatalog`): otherwise
 * a 422 naming the field, so that no invoice line points at a location nobody can map or name.
 */
import { problem } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { BillingContext } from './billing-config.ts'

/** Throws a 422 at `pointer` unless `locationId` is empty or a location of the current tenant. */
export async function requireLocation(ctx: BillingContext, locationId: string | null | undefined, pointer: string): Promise<void> {
  if (!locationId) return
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(locationId) || !(await ctx.services.get(spacesCatalog).getLocation(locationId))) {
    throw problem.unprocessable('No such location.', [{ pointer, detail: 'not a location of this tenant' }])
  }
}
