/**
 * Keeps billing's searchable copy of payers' names (`search/payer-names.ts`) in step with members, through members'
 * contract: a person or organisation created, or updated with `name` among its fields, gets its current name stored
 * (read from members' `directory`); an anonymised person and a deleted organisation lose theirs (no longer found by
 * name); billing's own `billing.invoice.drafted` stores the payer's name when no copy exists yet (a payer created
 * before the copy existed). Old invoices are backfilled once, when the tenant enables billing
 * (`onEnable`), not by every event: a backfill query on each one scanned the tenant's invoices. Redelivery and reordering are harmless: each handler stores what
 * members says now.
 */
import { on } from '@tessera/sdk'
import { organisationCreated, organisationDeleted, organisationUpdated, personAnonymised, personCreated, personUpdated } from '@tessera/plugin-members/contract'
import type {
  OrganisationCreatedPayload, OrganisationDeletedPayload, OrganisationUpdatedPayload, PersonAnonymisedPayload, PersonCreatedPayload, PersonUpdatedPayload,
} from '@tessera/plugin-members/contract'
import { invoiceDrafted } from '../contract/invoice-events.ts'
import type { InvoiceDrafted } from '../contract/invoice-events.ts'
import type { BillingConfig } from '../domain/billing-config.ts'
import { ensurePayerName, refreshPayerName } from '../search/payer-names.ts'

/** A person was added: copy their name. */
export const onPersonCreatedName = on<PersonCreatedPayload, BillingConfig>(personCreated, async (event, ctx) => {
  await refreshPayerName(ctx, 'person', event.payload.id)
})

/** A person was renamed: copy the new name. */
export const onPersonUpdatedName = on<PersonUpdatedPayload, BillingConfig>(personUpdated, async (event, ctx) => {
  if (event.payload.fields.includes('name')) await refreshPayerName(ctx, 'person', event.payload.id)
})

/** A person was anonymised: their invoices are no longer found by their name. */
export const onPersonAnonymisedName = on<PersonAnonymisedPayload, BillingConfig>(personAnonymised, async (event, ctx) => {
  await refreshPayerName(ctx, 'person', event.payload.id)
})

/** An organisation was added: copy its name. */
export const onOrganisationCreatedName = on<OrganisationCreatedPayload, BillingConfig>(organisationCreated, async (event, ctx) => {
  await refreshPayerName(ctx, 'organisation', event.payload.id)
})

/** An organisation was renamed: copy the new name. */
export const onOrganisationUpdatedName = on<OrganisationUpdatedPayload, BillingConfig>(organisationUpdated, async (event, ctx) => {
  if (event.payload.fields.includes('name')) await refreshPayerName(ctx, 'organisation', event.payload.id)
})

/** An organisation was deleted: members no longer knows its name, so neither does the search. */
export const onOrganisationDeletedName = on<OrganisationDeletedPayload, BillingConfig>(organisationDeleted, async (event, ctx) => {
  await refreshPayerName(ctx, 'organisation', event.payload.id)
})

/** A draft was made: its payer's name is searchable from now on. */
export const onInvoiceDraftedName = on<InvoiceDrafted, BillingConfig>(invoiceDrafted, async (event, ctx) => {
  await ensurePayerName(ctx, event.payload.payerType, event.payload.payerId)
})
