/**
 * The wire types of billing's routes, derived from the route schemas of `route-schemas.ts` (`FromSchema`), so the
 * schema, the handler's reply type, the store's row type and the UI's type are one source.
 */
import type { FromSchema } from '@tessera/sdk'
import type {
  chargeOutcome, invoice, invoiceLine, invoicePage, invoiceReminder, membership, myPlan, overdueInvoice, overduePage, payment, plan, planInput, setupIntent, wallet,
  walletEntry, walletPage,
} from './route-schemas.ts'

/** A plan. @public */
export type Plan = FromSchema<typeof plan>
/** A plan to create or replace. @public */
export type PlanInput = FromSchema<typeof planInput>
/** A membership (`payerName` in staff lists). @public */
export type Membership = FromSchema<typeof membership>
/** A line of an invoice or credit note. @public */
export type InvoiceLine = FromSchema<typeof invoiceLine>
/** An invoice or credit note. @public */
export type Invoice = FromSchema<typeof invoice>
/** `invoice` or `credit_note`. @public */
export type InvoiceKind = Invoice['kind']
/** `draft`, `issued`, `paid` or `void`. @public */
export type InvoiceStatus = Invoice['status']
/** A page of invoices. @public */
export type InvoicePage = FromSchema<typeof invoicePage>
/** One wallet entry. @public */
export type WalletEntry = FromSchema<typeof walletEntry>
/** A payer's credits. @public */
export type Wallet = FromSchema<typeof wallet>
/** The staff list of wallets. @public */
export type WalletPage = FromSchema<typeof walletPage>
/** A payment recorded on an invoice. @public */
export type Payment = FromSchema<typeof payment>
/** What a charge attempt did. @public */
export type ChargeOutcome = FromSchema<typeof chargeOutcome>
/** A started card setup. @public */
export type SetupIntent = FromSchema<typeof setupIntent>
/** What a member sees of their plan. @public */
export type MyPlan = FromSchema<typeof myPlan>
/** A payment reminder staff sent. @public */
export type InvoiceReminder = FromSchema<typeof invoiceReminder>
/** An overdue invoice of the dunning view. @public */
export type OverdueInvoice = FromSchema<typeof overdueInvoice>
/** A page of the dunning view. @public */
export type OverduePage = FromSchema<typeof overduePage>
