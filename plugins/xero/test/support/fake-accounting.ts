/**
 * The accounting API of the Xero fake (`/api.xro/2.0/...`): the paths the real `xero-node` AccountingApi calls for
 * Contacts, Invoices, CreditNotes, Payments and TrackingCategories (lines' `Tracking` checked against them), with the `where` (`Field=="value"` joined by `OR`), `IDs`,
 * `InvoiceNumbers` and `page` filters; batch writes (PUT create, POST create-or-update) with `summarizeErrors=false`
 * answered per element (`HasErrors`, `ValidationErrors`), or a 400 `ValidationException` otherwise — Xero's shapes.
 * Writes honour `Idempotency-Key`: a repeated key gets the stored response, nothing is written again.
 */
import { randomUUID } from 'node:crypto'
import type { FakeContact, FakeDocument, FakeLine, FakeLineTracking, FakeOrganisation, FakePayment } from './fake-state.ts'

/** What a handler answers. */
export interface FakeReply {
  status: number
  body: unknown
}

const now = () => new Date().toISOString()

function validation(message: string): { Message: string } {
  return { Message: message }
}

/** Parses `A=="x" OR B=="y"` (the forms the plugin uses) into field/value pairs; anything else matches nothing. */
export function parseWhere(where: string | null): { field: string; value: string }[] | undefined {
  if (!where) return undefined
  const out: { field: string; value: string }[] = []
  for (const part of where.split(/\s+OR\s+/i)) {
    const m = /^\s*\(?\s*([A-Za-z.]+)\s*==\s*"((?:[^"\\]|\\.)*)"\s*\)?\s*$/.exec(part)
    if (!m) return []
    out.push({ field: m[1], value: m[2].replace(/\\"/g, '"') })
  }
  return out
}

function matchesWhere(row: Record<string, unknown>, clauses: { field: string; value: string }[] | undefined): boolean {
  if (!clauses) return true
  return clauses.some((c) => {
    const v = c.field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], row)
    return typeof v === 'string' && v.toLowerCase() === c.value.toLowerCase()
  })
}

function page<T>(rows: T[], url: URL): T[] {
  const p = Number(url.searchParams.get('page') ?? '0')
  const size = Math.min(Number(url.searchParams.get('pageSize') ?? '100'), 1000)
  return p > 0 ? rows.slice((p - 1) * size, p * size) : rows
}

function list(url: URL, name: string): string[] | undefined {
  const v = url.searchParams.get(name)
  return v ? v.split(',').filter(Boolean) : undefined
}

function envelope(key: string, items: unknown[]): Record<string, unknown> {
  return { Id: randomUUID(), Status: 'OK', ProviderName: 'Tessera fake', DateTimeUTC: now(), [key]: items }
}

function contactErrors(org: FakeOrganisation, c: Partial<FakeContact>, self?: FakeContact): string[] {
  const errors: string[] = []
  if (!c.Name || !String(c.Name).trim()) errors.push('The contact name must be specified.')
  else if (org.contacts.some((x) => x !== self && x.ContactStatus === 'ACTIVE' && x.Name.toLowerCase() === String(c.Name).toLowerCase())) {
    errors.push(`The contact name ${c.Name} is already assigned to another contact. The contact name must be unique across all active contacts.`)
  }
  if (c.ContactNumber && String(c.ContactNumber).length > 50) errors.push('The Contact Number must not be more than 50 characters long.')
  if (c.EmailAddress && !/^[^@\s]+@[^@\s]+$/.test(String(c.EmailAddress))) errors.push('Email address must be valid.')
  return errors
}

/**
 * Resolves a line's tracking against the organisation's active categories and options (by id or by name, like Xero)
 * into the full form Xero answers with, or Xero's validation message.
 */
function resolveTracking(org: FakeOrganisation, t: FakeLineTracking): { tracking: FakeLineTracking } | { error: string } {
  const category = org.trackingCategories.find((c) => c.Status === 'ACTIVE'
    && (t.TrackingCategoryID ? c.TrackingCategoryID === t.TrackingCategoryID : c.Name.toLowerCase() === String(t.Name ?? '').toLowerCase()))
  if (!category) return { error: `The tracking category '${t.Name ?? t.TrackingCategoryID ?? ''}' does not exist or is not active.` }
  const option = category.Options.find((o) => o.Status === 'ACTIVE'
    && (t.TrackingOptionID ? o.TrackingOptionID === t.TrackingOptionID : o.Name.toLowerCase() === String(t.Option ?? '').toLowerCase()))
  if (!option) return { error: `The tracking option '${t.Option ?? t.TrackingOptionID ?? ''}' does not exist in the tracking category '${category.Name}'.` }
  return { tracking: { TrackingCategoryID: category.TrackingCategoryID, TrackingOptionID: option.TrackingOptionID, Name: category.Name, Option: option.Name } }
}

function lineErrors(org: FakeOrganisation, lines: FakeLine[] | undefined): string[] {
  const errors: string[] = []
  if (!lines?.length) errors.push('At least one line item must be specified.')
  for (const l of lines ?? []) {
    if (l.AccountCode && !org.accounts[l.AccountCode]) errors.push(`Account code '${l.AccountCode}' is not a valid code for this document.`)
    if (l.TaxType && !org.taxTypes.includes(l.TaxType)) errors.push(`The TaxType code '${l.TaxType}' does not exist or cannot be used for this type of transaction.`)
    if ((l.Tracking?.length ?? 0) > 2) errors.push('A line item can have a maximum of 2 tracking categories.')
    for (const t of l.Tracking ?? []) {
      const r = resolveTracking(org, t)
      if ('error' in r) errors.push(r.error)
    }
  }
  return errors
}

function totals(org: FakeOrganisation, lines: FakeLine[], amountTypes: string): { SubTotal: number; TotalTax: number; Total: number; lines: FakeLine[] } {
  let sub = 0
  let tax = 0
  const out = lines.map((l) => {
    const lineAmount = Math.round((l.Quantity ?? 1) * (l.UnitAmount ?? 0) * 100) / 100
    const t = l.TaxAmount ?? 0
    sub += amountTypes === 'Inclusive' ? lineAmount - t : lineAmount
    tax += t
    const tracking = l.Tracking?.map((x) => {
      const r = resolveTracking(org, x)
      return 'tracking' in r ? r.tracking : x
    })
    return { ...l, LineAmount: lineAmount, TaxAmount: t, ...(tracking ? { Tracking: tracking } : {}) }
  })
  const r = (n: number) => Math.round(n * 100) / 100
  return { SubTotal: r(sub), TotalTax: r(tax), Total: r(sub + tax), lines: out }
}

/** Routes one accounting request of one organisation. */
export function handleAccounting(org: FakeOrganisation, method: string, path: string, url: URL, body: Record<string, unknown> | undefined): FakeReply {
  const segs = path.split('/').filter(Boolean)
  const [resource, id] = segs
  const summarize = url.searchParams.get('summarizeErrors') !== 'false'
  const items = (key: string): Record<string, unknown>[] => {
    const v = body?.[key]
    return Array.isArray(v) ? (v as Record<string, unknown>[]) : body && !(key in body) ? [body] : []
  }
  /** Answers a batch write: per element with summarizeErrors=false, else a 400 when any element failed. */
  const batch = (key: string, results: { item: Record<string, unknown>; errors: string[] }[]): FakeReply => {
    const failed = results.some((r) => r.errors.length)
    const elements = results.map((r) => (r.errors.length
      ? { ...r.item, HasErrors: true, StatusAttributeString: 'ERROR', ValidationErrors: r.errors.map(validation) }
      : { ...r.item, StatusAttributeString: 'OK' }))
    if (failed && summarize) {
      return { status: 400, body: { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: elements.filter((e) => 'HasErrors' in e) } }
    }
    return { status: 200, body: envelope(key, elements) }
  }

  if (resource === 'TrackingCategories' && method === 'GET') {
    const archived = url.searchParams.get('includeArchived') === 'true'
    const rows = org.trackingCategories.filter((c) => (archived || c.Status === 'ACTIVE') && (!id || c.TrackingCategoryID === id))
      .map((c) => ({ ...c, Options: c.Options.filter((o) => archived || o.Status === 'ACTIVE') }))
    return { status: 200, body: envelope('TrackingCategories', rows) }
  }

  if (resource === 'Organisation' && method === 'GET') {
    return { status: 200, body: envelope('Organisations', [{ OrganisationID: org.tenantId, Name: org.name, BaseCurrency: 'EUR' }]) }
  }

  if (resource === 'Contacts') {
    if (method === 'GET') {
      const ids = list(url, 'IDs')
      const where = parseWhere(url.searchParams.get('where'))
      let rows = id ? org.contacts.filter((c) => c.ContactID === id) : org.contacts
      if (ids) rows = rows.filter((c) => ids.includes(c.ContactID))
      rows = rows.filter((c) => matchesWhere(c as unknown as Record<string, unknown>, where))
      return { status: 200, body: envelope('Contacts', page(rows, url)) }
    }
    const input = items('Contacts')
    const results = input.map((c) => {
      const existing = (id ? org.contacts.find((x) => x.ContactID === id) : undefined)
        ?? (method === 'POST' && c.ContactID ? org.contacts.find((x) => x.ContactID === c.ContactID) : undefined)
      if ((id || c.ContactID) && !existing) return { item: c, errors: ['The contact does not exist.'] }
      const merged = { ...(existing ?? {}), ...c } as Partial<FakeContact>
      const errors = contactErrors(org, merged, existing)
      if (errors.length) return { item: c, errors }
      if (existing) {
        Object.assign(existing, c, { UpdatedDateUTC: now() })
        return { item: existing as unknown as Record<string, unknown>, errors }
      }
      const created: FakeContact = {
        ContactID: randomUUID(), Name: String(c.Name), ContactNumber: c.ContactNumber as string | undefined,
        EmailAddress: c.EmailAddress as string | undefined, FirstName: c.FirstName as string | undefined, LastName: c.LastName as string | undefined,
        ContactStatus: 'ACTIVE', UpdatedDateUTC: now(),
      }
      org.contacts.push(created)
      return { item: created as unknown as Record<string, unknown>, errors }
    })
    return batch('Contacts', results)
  }

  if (resource === 'CreditNotes' && segs[2] === 'Allocations' && method !== 'GET') {
    const cn = org.creditNotes.find((c) => c.CreditNoteID === id)
    const results = items('Allocations').map((a) => {
      const inv = org.invoices.find((i) => i.InvoiceID === (a.Invoice as { InvoiceID?: string } | undefined)?.InvoiceID)
      const amount = Number(a.Amount)
      const errors: string[] = []
      if (!cn) errors.push('Credit note could not be found')
      if (!inv) errors.push('Invoice could not be found')
      else if (amount > inv.AmountDue + 1e-9) errors.push('The amount allocated exceeds the amount outstanding on the invoice')
      if (cn && amount > cn.AmountDue + 1e-9) errors.push('The amount allocated exceeds the remaining credit')
      if (errors.length) return { item: a, errors }
      inv!.AmountCredited = Math.round(((inv!.AmountCredited ?? 0) + amount) * 100) / 100
      inv!.AmountDue = Math.round((inv!.AmountDue - amount) * 100) / 100
      if (inv!.AmountDue <= 0) inv!.Status = 'PAID'
      cn!.AmountDue = Math.round((cn!.AmountDue - amount) * 100) / 100
      if (cn!.AmountDue <= 0) cn!.Status = 'PAID'
      return { item: { AllocationID: randomUUID(), Amount: amount, Invoice: { InvoiceID: inv!.InvoiceID } }, errors: [] }
    })
    return batch('Allocations', results)
  }

  if (resource === 'Invoices' || resource === 'CreditNotes') {
    const credit = resource === 'CreditNotes'
    const store = credit ? org.creditNotes : org.invoices
    const idKey = credit ? 'CreditNoteID' : 'InvoiceID'
    const numKey = credit ? 'CreditNoteNumber' : 'InvoiceNumber'
    if (method === 'GET') {
      const ids = list(url, 'IDs')
      const numbers = list(url, 'InvoiceNumbers')
      const statuses = list(url, 'Statuses')
      const where = parseWhere(url.searchParams.get('where'))
      let rows = id ? store.filter((d) => d[idKey] === id) : store
      if (ids) rows = rows.filter((d) => ids.includes(String(d[idKey])))
      if (numbers) rows = rows.filter((d) => numbers.includes(String(d[numKey])))
      if (statuses) rows = rows.filter((d) => statuses.includes(d.Status))
      rows = rows.filter((d) => matchesWhere(d as unknown as Record<string, unknown>, where))
      // like Xero, an invoice carries its payments
      const withPayments = credit ? rows : rows.map((d) => ({
        ...d, Payments: org.payments.filter((p) => p.Invoice.InvoiceID === d.InvoiceID).map((p) => ({ PaymentID: p.PaymentID, Amount: p.Amount, Date: p.Date, Reference: p.Reference })),
      }))
      return { status: 200, body: envelope(resource, page(withPayments, url)) }
    }
    const input = items(resource)
    const results = input.map((d) => {
      const existing = id ? store.find((x) => x[idKey] === id) : d[idKey] ? store.find((x) => x[idKey] === d[idKey]) : undefined
      if ((id || d[idKey]) && !existing) return { item: d, errors: [`${credit ? 'Credit note' : 'Invoice'} could not be found`] }
      if (existing) {
        if (d.Status === 'VOIDED') {
          if (existing.AmountPaid > 0) return { item: d, errors: ['Invoice not of valid status for modification. This document cannot be voided while it has payments applied.'] }
          existing.Status = 'VOIDED'
          existing.AmountDue = 0
          existing.UpdatedDateUTC = now()
          return { item: existing as unknown as Record<string, unknown>, errors: [] }
        }
        if (existing.Status === 'VOIDED' || existing.Status === 'PAID') return { item: d, errors: ['Invoice not of valid status for modification'] }
        Object.assign(existing, { Reference: d.Reference ?? existing.Reference, UpdatedDateUTC: now() })
        return { item: existing as unknown as Record<string, unknown>, errors: [] }
      }
      const errors: string[] = []
      const contactId = (d.Contact as { ContactID?: string } | undefined)?.ContactID
      const contact = org.contacts.find((c) => c.ContactID === contactId)
      if (!contact) errors.push('The contact is not valid.')
      if (d.Type !== (credit ? 'ACCRECCREDIT' : 'ACCREC') && d.Type !== (credit ? 'ACCPAYCREDIT' : 'ACCPAY')) errors.push(`${credit ? 'Credit note' : 'Invoice'} type must be specified.`)
      const number = d[numKey] as string | undefined
      if (number && store.some((x) => x[numKey] === number && x.Status !== 'DELETED')) errors.push(`${credit ? 'Credit Note' : 'Invoice'} # must be unique.`)
      errors.push(...lineErrors(org, d.LineItems as FakeLine[] | undefined))
      if (errors.length) return { item: d, errors }
      const amountTypes = String(d.LineAmountTypes ?? 'Exclusive')
      const t = totals(org, d.LineItems as FakeLine[], amountTypes)
      const doc: FakeDocument = {
        [idKey]: randomUUID(), Type: String(d.Type), [numKey]: number ?? `INV-${store.length + 1}`, Reference: d.Reference as string | undefined,
        Contact: { ContactID: contact!.ContactID, Name: contact!.Name }, Status: String(d.Status ?? 'DRAFT'), LineAmountTypes: amountTypes,
        LineItems: t.lines, SubTotal: t.SubTotal, TotalTax: t.TotalTax, Total: t.Total, AmountPaid: 0, AmountDue: t.Total,
        CurrencyCode: d.CurrencyCode as string | undefined, Date: d.Date as string | undefined, DueDate: d.DueDate as string | undefined, UpdatedDateUTC: now(),
      } as FakeDocument
      store.push(doc)
      return { item: doc as unknown as Record<string, unknown>, errors: [] }
    })
    return batch(resource, results)
  }

  if (resource === 'Payments') {
    if (method === 'GET') {
      const where = parseWhere(url.searchParams.get('where'))
      let rows = id ? org.payments.filter((p) => p.PaymentID === id) : org.payments
      rows = rows.filter((p) => matchesWhere(p as unknown as Record<string, unknown>, where))
      return { status: 200, body: envelope('Payments', page(rows, url)) }
    }
    const results = items('Payments').map((p) => {
      const errors: string[] = []
      const invoiceRef = p.Invoice as { InvoiceID?: string; InvoiceNumber?: string } | undefined
      const invoice = org.invoices.find((i) => (invoiceRef?.InvoiceID && i.InvoiceID === invoiceRef.InvoiceID) || (invoiceRef?.InvoiceNumber && i.InvoiceNumber === invoiceRef.InvoiceNumber))
      const code = (p.Account as { Code?: string } | undefined)?.Code
      if (!invoice) errors.push('Invoice could not be found')
      else if (invoice.Status !== 'AUTHORISED') errors.push('Payment cannot be applied to an invoice that is not AUTHORISED.')
      if (!code || org.accounts[code] !== 'BANK') errors.push('Account type is invalid for making a payment to/from')
      const amount = Number(p.Amount)
      if (!(amount > 0)) errors.push('Payment amount must be greater than zero.')
      else if (invoice && amount > invoice.AmountDue + 1e-9) errors.push('Payment amount exceeds the amount outstanding on this document')
      if (errors.length) return { item: p, errors }
      const payment = recordPayment(org, invoice!, amount, code!, p.Reference as string | undefined, String(p.Date ?? now().slice(0, 10)))
      return { item: payment as unknown as Record<string, unknown>, errors: [] }
    })
    return batch('Payments', results)
  }

  return { status: 404, body: { Type: 'NotFound', Message: `The resource you're looking for cannot be found: ${path}` } }
}

/** Applies a payment to an invoice (also what a bookkeeper does in Xero's own UI: `fake.recordPaymentInXero`). */
export function recordPayment(org: FakeOrganisation, invoice: FakeDocument, amount: number, code: string, reference: string | undefined, date: string): FakePayment {
  const payment: FakePayment = {
    PaymentID: randomUUID(), Invoice: { InvoiceID: invoice.InvoiceID!, InvoiceNumber: invoice.InvoiceNumber }, Account: { Code: code },
    Amount: amount, Date: date, Reference: reference, Status: 'AUTHORISED', UpdatedDateUTC: now(),
  }
  org.payments.push(payment)
  invoice.AmountPaid = Math.round((invoice.AmountPaid + amount) * 100) / 100
  invoice.AmountDue = Math.round((invoice.Total - invoice.AmountPaid - (invoice.AmountCredited ?? 0)) * 100) / 100
  if (invoice.AmountDue <= 0) invoice.Status = 'PAID'
  invoice.UpdatedDateUTC = now()
  return payment
}
