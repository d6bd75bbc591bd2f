/**
 * The top-bar search finds invoices and credit notes by their payer's name — a person's or an organisation's
 * (`src/search/billing-search.ts` on billing's own copy of the name, `src/search/payer-names.ts`), kept current through
 * members' contract events (`src/subscribers/payer-name-sync.ts`): after a rename, once the event is delivered, by the
 * new name and no longer by the old; drafts never; another tenant's invoices never; invoices made before the copy
 * existed are backfilled when the tenant enables billing again.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot, world, waitFor } from './helpers.ts'
import type { TestKernel, World } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot({ workers: true }) })
after(() => t.close())

interface Answer { groups: { kind: string; results: { id: string; title: string; subtitle?: string }[] }[] }

const search = async (q: string, session: string, kind = 'invoice') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, session })
  assert.equal(res.statusCode, 200, res.body)
  return (res.json() as Answer).groups.find((g) => g.kind === kind)?.results ?? []
}

/** Waits until searching `q` as `session` gives exactly the invoices `ids` (any order). */
const found = (q: string, session: string, ids: string[]) =>
  waitFor(async () => {
    const got = (await search(q, session)).map((r) => r.id).sort()
    return JSON.stringify(got) === JSON.stringify([...ids].sort()) ? got : undefined
  })

/** An issued invoice of the payer, through the API. */
async function issued(w: World, payerType: 'person' | 'organisation', payerId: string) {
  await w.ok('POST', '/billing/charges', { payerType, payerId, description: 'Desk', unitAmount: 1250, source: `test:${crypto.randomUUID()}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType, payerId })
  return (await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})) as { id: string; number: string }
}

test('invoices by their person\'s and organisation\'s name, by the new name after a rename; drafts and other tenants\' never', async () => {
  const a = await world(t, { currency: 'GBP' })
  const b = await world(t, { currency: 'GBP' })
  const tag = String(Math.random()).slice(2, 8)
  const person = `Katherine Johnson ${tag}`
  const org = `Analytical Engines ${tag}`
  const kate = await a.person(person)
  const engines = (await a.ok('POST', '/members/organisations', { name: org })).id as string
  const hers = await issued(a, 'person', kate)
  const theirs = await issued(a, 'organisation', engines)
  // a draft of hers has no number: never found
  await a.ok('POST', '/billing/charges', { payerType: 'person', payerId: kate, description: 'Coffee', unitAmount: 300, source: `test:${crypto.randomUUID()}` })
  await a.ok('POST', '/billing/invoices', { payerType: 'person', payerId: kate })
  // tenant B has payers of the same names
  const bKate = await issued(b, 'person', await b.person(person))
  const bOrg = await issued(b, 'organisation', (await b.ok('POST', '/members/organisations', { name: org })).id)

  await found(person, a.staff, [hers.id])
  const hit = (await search(person, a.staff))[0]!
  assert.equal(hit.title, hers.number)
  assert.equal(hit.subtitle, `${person} · Issued · GBP 12.50`)
  await found(org, a.staff, [theirs.id])
  await found(`Analytcal Engins ${tag}`, a.staff, [theirs.id])
  await found(person, b.staff, [bKate.id])
  await found(org, b.staff, [bOrg.id])

  // renames: found by the new names once the events are delivered, no longer by the old ones
  const renamed = `Katherine Goble ${tag}`
  assert.equal((await a.call('PATCH', `/members/people/${kate}`, { name: renamed })).statusCode, 200)
  const orgRenamed = `Difference Works ${tag}`
  assert.equal((await a.call('PATCH', `/members/organisations/${engines}`, { name: orgRenamed })).statusCode, 200)
  await found(renamed, a.staff, [hers.id])
  await found(`Johnson ${tag}`, a.staff, [])
  await found(orgRenamed, a.staff, [theirs.id])
  await found(`Analytical ${tag}`, a.staff, [])
  // tenant B's keep their names and never show in A, nor A's in B
  await found(person, b.staff, [bKate.id])
  const mine = new Set([hers.id, theirs.id])
  for (const q of [renamed, orgRenamed, person, org]) assert.ok(!(await search(q, b.staff)).some((r) => mine.has(r.id)), q)

  // billing.read is needed
  const memberSession = (await t.signIn({ tenantId: a.tenantId, role: 'member' })).cookie
  assert.deepEqual(await search(renamed, memberSession), [])
})

test('invoices made before the name copy existed are backfilled when the tenant enables billing again', async () => {
  const a = await world(t, { currency: 'GBP' })
  const tag = String(Math.random()).slice(2, 8)
  const name = `Hedy Lamarr ${tag}`
  const hedy = await a.person(name)
  const copied = () => t.adminQuery('SELECT 1 FROM billing.payer_names WHERE tenant_id = $1 AND payer_id = $2', [a.tenantId, hedy])
  await waitFor(async () => ((await copied()).rowCount ? true : undefined))
  // an invoice of the time before the copy existed (written straight into the table: no event), and no copy of the name
  const { rows } = await t.adminQuery(
    `INSERT INTO billing.invoices (tenant_id, kind, number, payer_type, payer_id, status, currency, total, issued_at)
     VALUES ($1, 'invoice', 77, 'person', $2, 'issued', 'GBP', 5000, now()) RETURNING id::text`, [a.tenantId, hedy])
  await t.adminQuery('DELETE FROM billing.payer_names WHERE tenant_id = $1', [a.tenantId])
  assert.deepEqual(await search(name, a.staff), [])
  await t.enable(a.tenantId, 'billing', { currency: 'GBP' })
  assert.deepEqual((await search(name, a.staff)).map((r) => r.id), [rows[0].id], 'backfilled in the enable transaction')
})
