/**
 * Sync against the fake through the real xero-node SDK: an issued invoice reaches Xero with its contact (ContactNumber
 * = Tessera id, matched by e-mail to a contact typed into Xero before), same number, mapped account and tax type; a
 * Xero validation error shows on the document with Xero's message and "retry" after fixing the mapping syncs it;
 * a credit note is created and allocated to its invoice, a payment goes to the mapped bank account; a void is voided;
 * "Check Xero now" shows differences; a 429 is honoured (Retry-After) and the job resumes with nothing dropped or written twice.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startXeroFake } from '@tessera/plugin-xero/testing'
import type { XeroFake } from '@tessera/plugin-xero/testing'
import { billedPeople, boot, connect, connectOrganisation, docCounts, waitFor, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let fake: XeroFake
let t: TestKernel

before(async () => {
  fake = await startXeroFake()
  t = await boot(fake)
})
after(async () => {
  await t?.close()
  await fake?.close()
})

async function connected(w: World, name: string) {
  const org = fake.addOrganisation(name)
  await connectOrganisation(w, fake, org)
  return org
}

async function docs(w: World, query = '') {
  return w.ok('GET', `/xero/documents?limit=200${query}`)
}

test('an issued invoice reaches Xero with its contact, number, account and tax type; a contact typed into Xero is matched by e-mail', async () => {
  const w = await world(t, { mapping: { salesAccountCode: '200', taxTypes: [{ rateBp: 2000, taxType: 'OUTPUT2' }] } })
  const org = await connected(w, `Match Ltd ${Date.now()}`)
  org.contacts.push({ ContactID: 'c0ffee00-0000-4000-8000-000000000001', Name: 'Typed In Xero', EmailAddress: 'mailmatch1@example.test', ContactStatus: 'ACTIVE', UpdatedDateUTC: new Date().toISOString() })
  const [personId] = await billedPeople(w, 1, ['2026-01'], { prefix: 'MailMatch' })
  await waitFor(async () => (await docCounts(t)).pending === 0 && org.invoices.length === 1, 20_000, 'invoice synced')
  assert.equal(org.contacts.length, 1, 'matched by e-mail, not created')
  assert.equal(org.contacts[0].ContactNumber, personId)
  const inv = org.invoices[0]
  const tessera = (await w.ok('GET', '/billing/invoices?limit=5')).items[0]
  assert.equal(inv.InvoiceNumber, tessera.number)
  assert.equal(inv.Type, 'ACCREC')
  assert.equal(inv.Status, 'AUTHORISED')
  assert.equal(inv.LineItems[0].AccountCode, '200')
  assert.equal(inv.LineItems[0].TaxType, 'OUTPUT2')
  assert.equal(Math.round(inv.Total * 100), tessera.total)
  const log = await docs(w, '&kind=invoice')
  assert.equal(log.items[0].state, 'synced')
  assert.equal(log.items[0].xeroId, inv.InvoiceID)
  // every write carried an Idempotency-Key
  const writes = fake.state.calls.filter((c) => c.tenantId === org.tenantId && c.method !== 'GET')
  assert.ok(writes.length >= 2 && writes.every((c) => c.idempotencyKey), JSON.stringify(writes))
})

test('a Xero validation error shows on the document with its message; retry after fixing the mapping syncs it', async () => {
  const w = await world(t, { mapping: { salesAccountCode: '999' } })
  const org = await connected(w, `Invalid Ltd ${Date.now()}`)
  await billedPeople(w, 1, ['2026-01'], { prefix: 'Refused' })
  await waitFor(async () => (await docs(w, '&state=failed')).items.length === 1, 20_000, 'invoice refused')
  const failed = (await docs(w, '&state=failed')).items[0]
  assert.equal(failed.kind, 'invoice')
  assert.equal(failed.error, "Account code '999' is not a valid code for this document.")
  assert.equal(org.invoices.length, 0)
  // fixing the mapping retries the refused documents
  await w.ok('PUT', '/xero/mapping', { salesAccountCode: '200' })
  await waitFor(async () => org.invoices.length === 1 && (await docs(w, '&state=failed')).items.length === 0, 20_000, 'retried invoice synced')
  const [doc] = (await docs(w, '&kind=invoice')).items
  assert.equal(doc.state, 'synced')
  assert.equal(doc.attempts, 1)
})

test('retry of a failed document makes a new write with a new idempotency key', async () => {
  const w = await world(t)
  const org = await connected(w, `Retry Ltd ${Date.now()}`)
  org.taxTypes = ['NONE']
  await billedPeople(w, 1, ['2026-01'], { prefix: 'RetryMe' })
  await waitFor(async () => (await docs(w, '&state=failed')).items.length === 1, 20_000, 'refused')
  const failed = (await docs(w, '&state=failed')).items[0]
  assert.match(failed.error, /TaxType code 'OUTPUT'/)
  org.taxTypes.push('OUTPUT')
  const retried = await w.ok('POST', `/xero/documents/${failed.id}/retry`, {})
  assert.equal(retried.state, 'pending')
  await waitFor(async () => org.invoices.length === 1, 20_000, 'synced after retry')
  const keys = fake.state.calls.filter((c) => c.tenantId === org.tenantId && c.path === '/Invoices' && c.method === 'PUT').map((c) => c.idempotencyKey)
  assert.equal(new Set(keys).size, 2)
})

test('a voided invoice is voided in Xero', async () => {
  const w = await world(t)
  const org = await connected(w, `Void Ltd ${Date.now()}`)
  await billedPeople(w, 1, ['2026-01'], { prefix: 'Voided' })
  await waitFor(async () => org.invoices.length === 1 && (await docCounts(t)).pending === 0, 20_000, 'synced')
  const inv = (await w.ok('GET', '/billing/invoices?limit=5')).items[0]
  await w.ok('POST', `/billing/invoices/${inv.id}/void`, {})
  await waitFor(async () => org.invoices[0].Status === 'VOIDED', 20_000, 'voided in Xero')
})

test('a 429 (calls per minute spent elsewhere) is honoured with Retry-After and the job resumes: each document written once', async () => {
  const busy = await startXeroFake({ limitPerWindow: 60, windowMs: 3000 })
  const k = await boot(busy)
  try {
    const w = await world(k)
    const org = busy.addOrganisation(`Busy Ltd ${Date.now()}`)
    await connect(w, busy)
    busy.useUpWindow(org)
    const started = Date.now()
    await billedPeople(w, 3, ['2026-01'], { prefix: 'Busy' })
    await waitFor(async () => (await docCounts(k)).pending === 0 && org.invoices.length === 3, 30_000, 'all synced')
    const throttled = busy.state.calls.filter((c) => c.status === 429)
    assert.ok(throttled.length >= 1, 'the fake answered 429')
    const firstOk = busy.state.calls.find((c) => c.status === 200 && c.at > throttled[0].at)!
    assert.ok(firstOk.at - throttled[0].at >= 900, `resumed after Retry-After, not at once (${firstOk.at - throttled[0].at} ms)`)
    assert.equal(org.contacts.length, 3)
    assert.equal(new Set(org.invoices.map((i) => i.InvoiceNumber)).size, 3)
    assert.equal((await docCounts(k)).failed, 0)
    assert.ok(Date.now() - started < 30_000)
  } finally {
    await k.close()
    await busy.close()
  }
})

test('5 calls at once is Xero\'s ceiling: with more batches in flight than the organisation allows, the 429s are retried', async () => {
  const narrow = await startXeroFake({ concurrent: 1, latencyMs: 40 })
  const k = await boot(narrow, { limits: { batchSize: 2 } })
  try {
    const w = await world(k)
    const org = narrow.addOrganisation(`Narrow Ltd ${Date.now()}`)
    await connect(w, narrow)
    await billedPeople(w, 4, ['2026-01'], { prefix: 'Narrow' })
    await waitFor(async () => (await docCounts(k)).pending === 0 && org.invoices.length === 4, 40_000, 'all synced')
    assert.ok(narrow.state.calls.some((c) => c.status === 429), 'the fake refused calls beyond its one at a time')
    assert.equal(org.contacts.length, 4)
    assert.equal(new Set(org.invoices.map((i) => i.InvoiceNumber)).size, 4)
    assert.equal((await docCounts(k)).failed, 0)
  } finally {
    await k.close()
    await narrow.close()
  }
})

test('a credit note becomes an ACCRECCREDIT credit note and a payment a Xero payment to the mapped bank account', async () => {
  const w = await world(t, { mapping: { bankAccountCode: '091' } })
  const org = await connected(w, `Money Ltd ${Date.now()}`)
  await billedPeople(w, 1, ['2026-01'], { prefix: 'Payer' })
  await waitFor(async () => org.invoices.length === 1 && (await docCounts(t)).pending === 0, 20_000, 'invoice synced')
  const inv = (await w.ok('GET', '/billing/invoices?limit=5&kind=invoice')).items[0]
  const cn = await t.request({
    method: 'POST', url: `/api/v1/billing/invoices/${inv.id}/credit-notes`, session: w.staff, headers: { 'idempotency-key': `cn-${inv.id}` },
    payload: { lines: [{ description: 'Goodwill', unitAmount: 1000 }] },
  })
  assert.equal(cn.statusCode, 201, cn.body)
  const creditNote = cn.json()
  await w.ok('POST', `/billing/invoices/${inv.id}/payments`, { amount: inv.total - 1000, reference: 'bank transfer 42' })
  await waitFor(async () => org.creditNotes.length === 1 && org.payments.length === 1 && (await docCounts(t)).pending === 0, 20_000, 'credit note and payment in Xero')
  assert.equal(org.creditNotes[0].Type, 'ACCRECCREDIT')
  assert.equal(org.creditNotes[0].CreditNoteNumber, creditNote.number)
  assert.equal(Math.round(org.creditNotes[0].SubTotal * 100), 1000)
  const payment = org.payments[0]
  assert.equal(payment.Account.Code, '091')
  assert.equal(Math.round(payment.Amount * 100), inv.total - 1000)
  assert.match(payment.Reference ?? '', /^tessera:/)
  assert.equal(payment.Invoice.InvoiceID, org.invoices[0].InvoiceID)
  // the credit note is allocated to the invoice, so Xero shows it settled like Tessera
  assert.equal(org.invoices[0].AmountDue, 0)
  assert.equal(org.invoices[0].Status, 'PAID')
})

test('"Check Xero now" reads the invoices back: a payment entered in Xero shows as a difference in the reconciliation', async () => {
  const w = await world(t)
  const org = await connected(w, `Reconcile Ltd ${Date.now()}`)
  await billedPeople(w, 2, ['2026-01'], { prefix: 'Reconciled' })
  await waitFor(async () => org.invoices.length === 2 && (await docCounts(t)).pending === 0, 20_000, 'invoices synced')
  const before = await w.ok('GET', '/xero/reconciliation')
  assert.deepEqual(before.rows.map((r: { differences: string[] }) => r.differences), [[], []])
  fake.recordPaymentInXero(org, org.invoices[0].InvoiceNumber!, org.invoices[0].Total)
  const res = await w.call('POST', '/xero/reconciliation/refresh', {})
  assert.equal(res.statusCode, 202)
  await waitFor(async () => (await w.ok('GET', '/xero/reconciliation')).rows.some((r: { differences: string[] }) => r.differences.length > 0), 20_000, 'difference shown')
  const row = (await w.ok('GET', '/xero/reconciliation')).rows.find((r: { number: string }) => r.number === org.invoices[0].InvoiceNumber)
  assert.deepEqual(row.differences, ['amount due', 'status'])
  assert.equal(row.xero.status, 'PAID')
})

test('the first sync makes every person a Xero contact, with their organisation, not only the payers of issued invoices', async () => {
  const w = await world(t)
  const org = await connected(w, `Everyone Ltd ${Date.now()}`)
  const company = await w.ok('POST', '/members/organisations', { name: `No Invoice Org ${Date.now()}` })
  const member = await w.ok('POST', '/members/people', { name: 'Never Invoiced', email: `never${Date.now()}@example.test`, organisationId: company.id })
  const loner = await w.ok('POST', '/members/people', { name: 'Also Never Invoiced', email: `loner${Date.now()}@example.test` })
  const ids = [member.id, loner.id, company.id]
  const contactDocs = async () => (await t.adminQuery("SELECT count(*)::int AS n FROM xero.documents WHERE tenant_id = $1 AND kind = 'contact' AND tessera_id = ANY($2::text[])", [w.tenantId, ids])).rows[0].n
  // as if they existed before Xero was enabled: the creation events have been handled, then their documents removed
  await waitFor(async () => (await contactDocs()) === 3, 20_000, 'creation events handled')
  await waitFor(async () => (await docCounts(t)).pending === 0, 20_000, 'sync idle')
  await t.adminQuery("DELETE FROM xero.documents WHERE tenant_id = $1 AND kind = 'contact' AND tessera_id = ANY($2::text[])", [w.tenantId, ids])
  org.contacts.length = 0
  const started = await w.ok('POST', '/xero/first-sync', {})
  assert.equal(started.queued, 3, 'two people and the organisation of one, though nobody has an invoice')
  await waitFor(async () => org.contacts.length === 3 && (await docCounts(t)).pending === 0, 20_000, 'contacts synced')
  assert.deepEqual(org.contacts.map((c) => c.ContactNumber).sort(), [...ids].sort())
  const progress = (await w.ok('GET', '/xero/connection')).firstSync
  assert.ok(progress, 'the first sync reports its progress')
})
