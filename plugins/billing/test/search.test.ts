/**
 * The top-bar search over invoices (`src/search/billing-search.ts`) through the kernel's `GET /api/v1/search`: by
 * number exactly (`INV-000001`, `inv-1`, `#1`, `1`) and by prefix (`INV-0001` → INV-000100…199), credit notes apart,
 * drafts (no number) never, the payer's name in the subtitle, href to the invoice; never another
 * tenant's invoice; `billing.read` needed (a member gets none).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'
import { parseNumberQuery } from '../src/search/billing-search.ts'

let t: TestKernel
before(async () => { t = await boot() })
after(() => t.close())

interface Answer { groups: { kind: string; label: string; plugin: { name: string }; results: { id: string; title: string; href: string; subtitle?: string; rank: number }[] }[] }

const titles = (a: Answer, kind = 'invoice') => a.groups.find((g) => g.kind === kind)?.results.map((r) => r.title) ?? []

/** An invoice issued through the API (its number is the tenant's next: INV-000001 for the first). */
async function issued(w: World, payerId: string, description: string) {
  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId, description, unitAmount: 1250, source: `test:${crypto.randomUUID()}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId })
  return (await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})) as { id: string; number: string }
}

/** Invoices with these numbers written straight into the table (a hundred issued invoices would take a while). */
async function numbered(w: World, payerId: string, kind: 'invoice' | 'credit_note', numbers: number[]) {
  for (const n of numbers) {
    await t.adminQuery(
      `INSERT INTO billing.invoices (tenant_id, kind, number, payer_type, payer_id, status, currency, total, issued_at) VALUES ($1, $2, $3, 'person', $4, 'issued', 'GBP', 5000, now())`,
      [w.tenantId, kind, n, payerId])
  }
}

test('numbers: exact and prefix, credit notes apart, payer in the subtitle, drafts never; never another tenant\'s; billing.read needed', async () => {
  const a = await world(t, { currency: 'GBP' })
  const b = await world(t, { currency: 'GBP' })
  const ada = await a.person('Ada Lovelace')
  const first = await issued(a, ada, 'Meeting room')
  assert.equal(first.number, 'INV-000001')
  await numbered(a, ada, 'invoice', [12, 120, 150, 1500])
  await numbered(a, ada, 'credit_note', [1])
  // a draft has no number
  await a.ok('POST', '/billing/charges', { payerType: 'person', payerId: ada, description: 'Coffee', unitAmount: 300, source: 'test:draft' })
  await a.ok('POST', '/billing/invoices', { payerType: 'person', payerId: ada })
  // tenant B's own INV-000001 and INV-000100
  const bob = await b.person('Bob Other')
  const theirs = await issued(b, bob, 'Desk')
  await numbered(b, bob, 'invoice', [100])

  const search = async (q: string, session = a.staff) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, session })
    assert.equal(res.statusCode, 200, res.body)
    return res.json() as Answer
  }

  const exact = await search('INV-000001')
  assert.deepEqual(titles(exact), ['INV-000001'], 'tenant B\'s INV-000001 is not there')
  assert.deepEqual(titles(exact, 'credit-note'), [], 'INV- names invoices only')
  const group = exact.groups.find((g) => g.kind === 'invoice')!
  assert.equal(group.label, 'Invoices')
  assert.equal(group.plugin.name, 'Billing')
  const hit = group.results[0]!
  assert.equal(hit.id, first.id)
  assert.notEqual(hit.id, theirs.id)
  assert.equal(hit.href, `/billing/invoices/${first.id}`)
  assert.equal(hit.subtitle, 'Ada Lovelace · Issued · GBP 12.50')
  assert.equal(hit.rank, 1)

  // "INV-0001": number 1 exactly first, then the numbers whose text starts with it (INV-000100…199); not 12, not 1500
  const prefix = await search('INV-0001')
  assert.deepEqual(titles(prefix), ['INV-000001', 'INV-000120', 'INV-000150'])
  assert.equal(prefix.groups[0]!.results[0]!.rank, 1)
  assert.ok(prefix.groups[0]!.results[1]!.rank < 1)
  assert.deepEqual(titles(await search('inv-12')), ['INV-000012'], 'lower case, no padding')
  // bare digits: both kinds exactly, then the numbers starting with them
  const digits = await search('12')
  assert.deepEqual(titles(digits), ['INV-000012', 'INV-000120'])
  const one = await search('#1')
  assert.deepEqual(titles(one), ['INV-000001', 'INV-000012', 'INV-000120', 'INV-000150', 'INV-001500'])
  assert.deepEqual(titles(one, 'credit-note'), ['CN-000001'])
  assert.deepEqual(titles(await search('CN-1'), 'credit-note'), ['CN-000001'])
  assert.deepEqual(titles(await search('CN-1')), [])

  // (by the payer's name: search-payer-name.test.ts, with the workers that deliver members' events)
  // tenant B sees its own
  assert.deepEqual(titles(await search('INV-0001', b.staff)), ['INV-000001', 'INV-000100'])

  const finance = (await t.signIn({ tenantId: a.tenantId, role: 'finance' })).cookie
  assert.deepEqual(titles(await search('INV-000001', finance)), ['INV-000001'])
  const member = (await t.signIn({ tenantId: a.tenantId, role: 'member' })).cookie
  assert.deepEqual(titles(await search('INV-000001', member)), [], 'billing.read is needed')
})

test('what reads as an invoice number', () => {
  assert.deepEqual(parseNumberQuery('INV-000042'), { kind: 'invoice', digits: '000042' })
  assert.deepEqual(parseNumberQuery('inv 42'), { kind: 'invoice', digits: '42' })
  assert.deepEqual(parseNumberQuery('CN-7'), { kind: 'credit_note', digits: '7' })
  assert.deepEqual(parseNumberQuery('#42'), { kind: null, digits: '42' })
  assert.equal(parseNumberQuery('Ada'), undefined)
  assert.equal(parseNumberQuery('INV-'), undefined)
  assert.equal(parseNumberQuery('1234567890'), undefined, 'past nine digits it is not a number billing can hold')
})
