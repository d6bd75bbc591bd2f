/**
 * The state of the local Xero fake: organisations, their contacts, invoices, credit notes and payments, the chart
 * of accounts, tax rates and tracking categories that validation checks against, issued tokens and stored idempotent responses. Kept in
 * memory by the test process; tests read it directly (`fake.state`) to count what the SDK wrote.
 */
import { randomUUID } from 'node:crypto'

/** A contact as the fake stores it (Xero's PascalCase fields). */
export interface FakeContact {
  ContactID: string
  ContactNumber?: string
  Name: string
  EmailAddress?: string
  FirstName?: string
  LastName?: string
  ContactStatus: 'ACTIVE' | 'ARCHIVED'
  UpdatedDateUTC: string
}

/** A line's tracking: by category and option name, or by their ids (Xero answers with both). */
export interface FakeLineTracking {
  Name?: string
  Option?: string
  TrackingCategoryID?: string
  TrackingOptionID?: string
}

/** A tracking category with its options (Xero allows two active categories per organisation). */
export interface FakeTrackingCategory {
  TrackingCategoryID: string
  Name: string
  Status: 'ACTIVE' | 'ARCHIVED'
  Options: { TrackingOptionID: string; Name: string; Status: 'ACTIVE' | 'ARCHIVED' }[]
}

/** A line of an invoice or credit note. */
export interface FakeLine {
  Description?: string
  Quantity?: number
  UnitAmount?: number
  AccountCode?: string
  TaxType?: string
  LineAmount?: number
  TaxAmount?: number
  Tracking?: FakeLineTracking[]
}

/** An invoice or credit note. */
export interface FakeDocument {
  InvoiceID?: string
  CreditNoteID?: string
  Type: string
  InvoiceNumber?: string
  CreditNoteNumber?: string
  Reference?: string
  Contact: { ContactID: string; Name?: string }
  Status: string
  LineAmountTypes: string
  LineItems: FakeLine[]
  SubTotal: number
  TotalTax: number
  Total: number
  AmountPaid: number
  /** Credit notes allocated to it. */
  AmountCredited?: number
  AmountDue: number
  CurrencyCode?: string
  Date?: string
  DueDate?: string
  UpdatedDateUTC: string
}

/** A payment. */
export interface FakePayment {
  PaymentID: string
  Invoice: { InvoiceID: string; InvoiceNumber?: string }
  Account: { Code: string }
  Amount: number
  Date: string
  Reference?: string
  Status: 'AUTHORISED' | 'DELETED'
  UpdatedDateUTC: string
}

/** One Xero organisation ("tenant" in Xero's words). */
export interface FakeOrganisation {
  tenantId: string
  name: string
  contacts: FakeContact[]
  invoices: FakeDocument[]
  creditNotes: FakeDocument[]
  payments: FakePayment[]
  /** Account codes with their type (`REVENUE`, `BANK`, …). */
  accounts: Record<string, string>
  taxTypes: string[]
  /** Tracking categories (`fake.addTrackingCategory`). */
  trackingCategories: FakeTrackingCategory[]
  /** Idempotency-Key → the stored response. */
  idempotent: Map<string, { status: number; body: unknown }>
}

/** A token the fake's identity server issued. */
export interface FakeToken {
  accessToken: string
  refreshToken: string
  accessExpiresAt: number
  /** Organisations the consent covered. */
  tenantIds: string[]
  revoked: boolean
}

/** Everything the fake knows. */
export class FakeState {
  organisations = new Map<string, FakeOrganisation>()
  tokens: FakeToken[] = []
  /** Authorisation codes from the consent page: code → pending grant. */
  codes = new Map<string, { tenantIds: string[]; redirectUri: string; codeChallenge?: string; clientId: string }>()
  /** Every accounting call: method, path, status (tests count 429s and writes). */
  calls: { method: string; path: string; status: number; tenantId: string; idempotencyKey?: string; at: number }[] = []

  /** Adds an organisation with a small default chart of accounts and tax rates. */
  addOrganisation(name: string, tenantId: string = randomUUID()): FakeOrganisation {
    const org: FakeOrganisation = {
      tenantId, name, contacts: [], invoices: [], creditNotes: [], payments: [],
      accounts: { '200': 'REVENUE', '260': 'OTHERINCOME', '400': 'EXPENSE', '090': 'BANK', '091': 'BANK' },
      taxTypes: ['OUTPUT', 'OUTPUT2', 'NONE', 'EXEMPTOUTPUT', 'ZERORATEDOUTPUT'],
      trackingCategories: [],
      idempotent: new Map(),
    }
    this.organisations.set(tenantId, org)
    return org
  }

  /** Adds an active tracking category with active options to an organisation (as a bookkeeper does in Xero). */
  addTrackingCategory(org: FakeOrganisation, name: string, options: string[]): FakeTrackingCategory {
    if (org.trackingCategories.filter((c) => c.Status === 'ACTIVE').length >= 2) throw new Error('Xero allows two active tracking categories')
    const category: FakeTrackingCategory = {
      TrackingCategoryID: randomUUID(), Name: name, Status: 'ACTIVE',
      Options: options.map((o) => ({ TrackingOptionID: randomUUID(), Name: o, Status: 'ACTIVE' as const })),
    }
    org.trackingCategories.push(category)
    return category
  }

  /** The token whose access token is `access`, if valid now. */
  tokenFor(access: string): FakeToken | undefined {
    const t = this.tokens.find((x) => x.accessToken === access)
    return t && !t.revoked && t.accessExpiresAt > Date.now() ? t : undefined
  }

  /** Makes every issued access token expire now (the next call is a 401 until the client refreshes). */
  expireAccessTokens(): void {
    for (const t of this.tokens) t.accessExpiresAt = 0
  }

  /** Revokes every refresh token (the next refresh fails: the plugin must ask to reconnect). */
  revokeAll(): void {
    for (const t of this.tokens) t.revoked = true
  }
}
