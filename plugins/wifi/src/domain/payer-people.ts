/**
 * Whose Wi-Fi a membership decides: a person's own membership decides theirs; an organisation's decides that of every
 * person of the organisation. Members' directory contract has no "people of an organisation" call, so the people are
 * read page by page (1000 at a time, by id) and those of the organisation kept — one pass per organisation membership
 * event, which is rare next to logins (RADIUS never waits for it).
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { WifiContext } from './wifi-config.ts'
import type { PayerType } from '../store/memberships-store.ts'

const PAGE = 1000

/** The ids of the people of `organisationId`. */
export async function peopleOf(ctx: WifiContext, organisationId: string): Promise<string[]> {
  const dir = ctx.services.get(membersDirectory)
  const out: string[] = []
  for (let after: string | null = null; ;) {
    const page = await dir.listPeople({ limit: PAGE, after })
    for (const p of page) if (p.organisationId === organisationId) out.push(p.id)
    if (page.length < PAGE) return out
    after = page[page.length - 1]!.id
  }
}

/** The people a payer's membership covers. */
export async function peopleCoveredBy(ctx: WifiContext, payerType: PayerType, payerId: string): Promise<string[]> {
  return payerType === 'person' ? [payerId] : peopleOf(ctx, payerId)
}
