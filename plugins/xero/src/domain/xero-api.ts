/**
 * The accounting calls the plugin makes, through the real `xero-node` `AccountingApi` (its `basePath` from the
 * plugin options), each one behind the organisation's {@link CallBudget}. A 429 blocks the budget for `Retry-After`
 * and the same call is made again (with the same `Idempotency-Key`) when the budget allows — or, when that is beyond
 * the job's time, `BudgetExhausted` ends the job, which hands over to a continuation: no call is dropped. Xero's
 * validation errors come back as data (`elementErrors`), other failures as `XeroApiError`.
 */
import { AccountingApi } from 'xero-node'
import type { Contact, Invoice, CreditNote, Payment, TrackingCategory } from 'xero-node'
import { CallBudget } from './call-budget.ts'

/** A failure other than validation (auth, 5xx, network). */
export class XeroApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'XeroApiError'
    this.status = status
  }
}

interface SdkFailure { response?: { statusCode?: number; status?: number; headers?: Record<string, unknown>; body?: unknown }; body?: unknown }

function parseFailure(err: unknown): SdkFailure {
  if (typeof err === 'string') {
    try { return JSON.parse(err) as SdkFailure } catch { return { body: err } }
  }
  return (err ?? {}) as SdkFailure
}

/** Xero's message of a failed call (`Message`, or the element validation messages). */
export function xeroMessage(body: unknown): string {
  const b = body as { Message?: string; Detail?: string; Elements?: { ValidationErrors?: { Message: string }[] }[] } | undefined
  const element = b?.Elements?.flatMap((e) => e.ValidationErrors ?? []).map((v) => v.Message).join('; ')
  return element || b?.Detail || b?.Message || (typeof body === 'string' ? body : 'Xero error')
}

/** The validation messages of one element of a batch answer (`summarizeErrors=false`), or undefined. */
export function elementErrors(element: { hasErrors?: boolean; validationErrors?: { message?: string }[] }): string | undefined {
  if (!element.hasErrors && !element.validationErrors?.length) return undefined
  return (element.validationErrors ?? []).map((v) => v.message).filter(Boolean).join('; ') || 'Xero refused the document'
}

/** The accounting API of one organisation, rate-limited. */
export class XeroApi {
  readonly #api: AccountingApi
  readonly #tenantId: string
  readonly budget: CallBudget
  /** 429s seen (and honoured). */
  throttled = 0

  constructor(basePath: string, accessToken: string, xeroTenantId: string, budget: CallBudget) {
    this.#api = new AccountingApi(basePath)
    this.#api.accessToken = accessToken
    this.#tenantId = xeroTenantId
    this.budget = budget
  }

  async #call<T>(fn: (api: AccountingApi, tenant: string) => Promise<{ response: { headers?: unknown }; body: T }>): Promise<T> {
    for (;;) {
      await this.budget.acquire()
      let headers: Record<string, unknown> | undefined
      try {
        const res = await fn(this.#api, this.#tenantId)
        headers = res.response?.headers as Record<string, unknown> | undefined
        return res.body
      } catch (err) {
        const f = parseFailure(err)
        const status = f.response?.statusCode ?? f.response?.status ?? 0
        headers = f.response?.headers
        if (status === 429) {
          this.throttled++
          this.budget.block(Number(headers?.['retry-after'] ?? 60), String(headers?.['x-rate-limit-problem'] ?? ''))
          headers = undefined // Retry-After is what counts: the remaining-budget headers of a 429 say 0
          continue
        }
        throw new XeroApiError(status, `Xero answered ${status || 'nothing'}: ${xeroMessage(f.response?.body ?? f.body)}`)
      } finally {
        this.budget.release(headers)
      }
    }
  }

  /** Contacts whose ContactNumber is one of `numbers`. */
  contactsByNumber(numbers: string[]): Promise<Contact[]> {
    const where = numbers.map((n) => `ContactNumber=="${n}"`).join(' OR ')
    return this.#call((api, t) => api.getContacts(t, undefined, where, undefined, undefined, undefined, true)).then((b) => b.contacts ?? [])
  }

  /** Contacts whose e-mail is one of `emails`. */
  contactsByEmail(emails: string[]): Promise<Contact[]> {
    const where = emails.map((e) => `EmailAddress=="${e.replace(/"/g, '')}"`).join(' OR ')
    return this.#call((api, t) => api.getContacts(t, undefined, where)).then((b) => b.contacts ?? [])
  }

  /** Creates or updates contacts in one call (elements with `contactID` are updates). */
  saveContacts(contacts: Contact[], idempotencyKey: string): Promise<Contact[]> {
    return this.#call((api, t) => api.updateOrCreateContacts(t, { contacts }, false, idempotencyKey)).then((b) => b.contacts ?? [])
  }

  /** ACCREC invoices by number. */
  invoicesByNumber(numbers: string[]): Promise<Invoice[]> {
    return this.#call((api, t) => api.getInvoices(t, undefined, undefined, undefined, undefined, numbers)).then((b) => b.invoices ?? [])
  }

  /** Invoices by Xero id. */
  invoicesById(ids: string[]): Promise<Invoice[]> {
    return this.#call((api, t) => api.getInvoices(t, undefined, undefined, undefined, ids)).then((b) => b.invoices ?? [])
  }

  /** Creates invoices (batch, per-element errors). */
  createInvoices(invoices: Invoice[], idempotencyKey: string): Promise<Invoice[]> {
    return this.#call((api, t) => api.createInvoices(t, { invoices }, false, 4, idempotencyKey)).then((b) => b.invoices ?? [])
  }

  /** Voids one invoice. */
  voidInvoice(invoiceId: string, idempotencyKey: string): Promise<Invoice[]> {
    return this.#call((api, t) => api.updateInvoice(t, invoiceId, { invoices: [{ invoiceID: invoiceId, status: 'VOIDED' as never }] }, undefined, idempotencyKey)).then((b) => b.invoices ?? [])
  }

  /** Credit notes by number (`where` on CreditNoteNumber). */
  creditNotesByNumber(numbers: string[]): Promise<CreditNote[]> {
    const where = numbers.map((n) => `CreditNoteNumber=="${n}"`).join(' OR ')
    return this.#call((api, t) => api.getCreditNotes(t, undefined, where)).then((b) => b.creditNotes ?? [])
  }

  /** Creates credit notes (batch). */
  createCreditNotes(creditNotes: CreditNote[], idempotencyKey: string): Promise<CreditNote[]> {
    return this.#call((api, t) => api.createCreditNotes(t, { creditNotes }, false, 4, idempotencyKey)).then((b) => b.creditNotes ?? [])
  }

  /** Allocates `amount` of a credit note to an invoice (so both show what is due). */
  allocateCreditNote(creditNoteId: string, invoiceId: string, amount: number, idempotencyKey: string): Promise<{ hasErrors?: boolean; validationErrors?: { message?: string }[] }[]> {
    return this.#call((api, t) => api.createCreditNoteAllocation(t, creditNoteId, { allocations: [{ invoice: { invoiceID: invoiceId }, amount, date: new Date().toISOString().slice(0, 10) }] }, false, idempotencyKey))
      .then((b) => (b.allocations ?? []) as never)
  }

  /** Payments whose Reference is one of `references`. */
  paymentsByReference(references: string[]): Promise<Payment[]> {
    const where = references.map((r) => `Reference=="${r}"`).join(' OR ')
    return this.#call((api, t) => api.getPayments(t, undefined, where)).then((b) => b.payments ?? [])
  }

  /** Creates payments (batch). */
  createPayments(payments: Payment[], idempotencyKey: string): Promise<Payment[]> {
    return this.#call((api, t) => api.createPayments(t, { payments }, false, idempotencyKey)).then((b) => b.payments ?? [])
  }

  /** The organisation's active tracking categories with their options. */
  trackingCategories(): Promise<TrackingCategory[]> {
    return this.#call((api, t) => api.getTrackingCategories(t)).then((b) => b.trackingCategories ?? [])
  }

  /** Payments of one invoice, as Xero holds them (inbound webhook). */
  invoice(invoiceId: string): Promise<Invoice | undefined> {
    return this.#call((api, t) => api.getInvoice(t, invoiceId)).then((b) => b.invoices?.[0])
  }
}
