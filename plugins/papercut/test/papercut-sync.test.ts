/**
 * PaperCut against the stateful XML-RPC fake with the real `xmlrpc` client, on a real kernel and PostgreSQL:
 * - an active membership creates the PaperCut user once (a redelivered event or a second sync creates no second
 *   user), with name, e-mail and the access card;
 * - a membership suspended by billing's dunning (a declined charge through a test gateway on billing's extension
 *   point) disables printing, reactivation (billing's staff route) enables it again, an ended one disables it;
 * - the period's allowance is topped up once per person and period as a `<double>` (the job run twice: one adjustment);
 * - pages beyond the allowance become exactly one billing charge at the period's end (settled twice: one charge);
 * - PaperCut down: the person shows the error with its reason; after it is back, the staff retry succeeds;
 * - a refused token is stored as `bad-token`, and after the retries the person is `dead` with the reason;
 * - the token can be a named kernel secret (`authTokenSecret`); a missing secret is stored as `not-configured`;
 * - the config is bounded: a server URL that is not http(s) or an unknown key is refused on enable.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import xmlrpc from 'xmlrpc'
import { startPaperCutFake } from '@tessera/plugin-papercut/testing'
import type { PaperCutFake } from '@tessera/plugin-papercut/testing'
import { periodRunJob, personPeriodJob, syncPersonJob } from '../src/jobs/papercut-jobs.ts'
import declinepay from './support/declining-gateway-plugin.ts'
import { boot, world, waitFor } from './world.ts'
import type { TestKernel, World } from './world.ts'

let t: TestKernel
let fake: PaperCutFake
before(async () => {
  fake = await startPaperCutFake()
  t = await boot({ plugins: [declinepay], config: { secrets: { papercut_site_token: fake.token } } as never })
})
after(async () => {
  await t?.close()
  await fake?.close()
})

const account = async (w: World, personId: string) =>
  ((await w.ok('GET', '/papercut/accounts')).items as any[]).find((a) => a.personId === personId)

/** Waits until the person's PaperCut account is synced with printing `enabled`. */
const synced = (w: World, personId: string, enabled: boolean) =>
  waitFor(async () => {
    const a = await account(w, personId)
    return a?.state === 'synced' && a.printEnabled === enabled ? a : undefined
  }, { timeoutMs: 20_000, message: `account synced, printing ${enabled ? 'enabled' : 'disabled'}` })

/** Runs one of PaperCut's job handlers in the tenant's transaction, as the worker does. */
async function runJob(w: World, job: typeof personPeriodJob, data: Record<string, unknown>): Promise<void> {
  const ctx = t.pluginContext('papercut')
  await ctx.withTenant(w.tenantId, () => job.handler({ id: randomUUID(), name: 'papercut.test', tenantId: w.tenantId, data }, ctx))
}

const nextMonthFirst = (): string => {
  const d = new Date()
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10)
}

test('an active membership creates the PaperCut user once, with name, e-mail and access card; redelivery creates no second user', async () => {
  const w = await world(t, fake)
  const p = await w.person('Ada Printer')
  await w.ok('POST', '/access/credentials', { personId: p.personId, type: 'card', value: 'a1b2c3d4' })
  const plan = await w.plan({ printPages: 100 })
  await w.membership(p.personId, plan.id)
  const a = await synced(w, p.personId, true)
  assert.equal(a.username, p.email)
  const user = fake.users.get(p.email)
  assert.ok(user, 'the user exists in PaperCut')
  assert.deepEqual([user.fullName, user.email, user.cardId, user.properties.get('disabled-print')], ['Ada Printer', p.email, 'A1B2C3D4', 'FALSE'])

  const creates = () => fake.calls.filter((c) => c.method === 'api.addNewInternalUser').length
  const before = creates()
  await runJob(w, syncPersonJob, { personId: p.personId }) // a redelivered membership event runs the same sync
  await runJob(w, syncPersonJob, { personId: p.personId })
  assert.equal(creates(), before, 'no second addNewInternalUser')
  assert.equal([...fake.users.keys()].filter((u) => u === p.email).length, 1)

  // a name change follows members' events
  await w.ok('PATCH', `/members/people/${p.personId}`, { name: 'Ada Lovelace' })
  await waitFor(() => fake.users.get(p.email)?.fullName === 'Ada Lovelace', { timeoutMs: 20_000, message: 'name followed' })
})

test('a suspended membership disables printing; reactivation enables it again', async () => {
  // billing's real dunning path: a declined off-session charge with no retries configured suspends at once
  const w = await world(t, fake, {}, { billing: { paymentGateway: 'declinepay', dunning: { retryDelaysSeconds: [] } }, extraPlugins: ['declinepay'] })
  const p = await w.person('Sam Suspended')
  const plan = await w.plan({ printPages: 50 })
  const m = await w.membership(p.personId, plan.id)
  await synced(w, p.personId, true)

  await w.ok('POST', '/billing/charges', { payerType: 'person', payerId: p.personId, description: 'Desk', unitAmount: 2500, source: `desk-${m.id}` })
  const draft = await w.ok('POST', '/billing/invoices', { payerType: 'person', payerId: p.personId })
  const invoice = await w.ok('POST', `/billing/invoices/${draft.id}/issue`, {})
  await w.ok('POST', `/billing/payers/person/${p.personId}/payment-method`, { paymentMethodId: 'dp_card' })
  const charge = await t.request({ method: 'POST', url: `/api/v1/billing/invoices/${invoice.id}/charge`, session: w.staff, payload: {}, headers: { 'idempotency-key': `suspend-${m.id}` } })
  assert.equal(charge.json().outcome, 'declined', charge.body)
  assert.equal((await w.ok('GET', `/billing/memberships/${m.id}`)).status, 'suspended')
  await synced(w, p.personId, false)
  assert.equal(fake.users.get(p.email)?.properties.get('disabled-print'), 'TRUE')

  await w.ok('POST', `/billing/memberships/${m.id}/reactivate`, {})
  await synced(w, p.personId, true)
  assert.equal(fake.users.get(p.email)?.properties.get('disabled-print'), 'FALSE')

  // an ended membership disables printing too
  await w.ok('POST', `/billing/memberships/${m.id}/end`, { endsOn: new Date(Date.now() - 86_400_000 * 2).toISOString().slice(0, 10) })
  await synced(w, p.personId, false)
  assert.equal(fake.users.get(p.email)?.properties.get('disabled-print'), 'TRUE')
})

test('the allowance is topped up once per person and period, as a <double>: the job run twice makes one adjustment', async () => {
  const w = await world(t, fake, { pricePerPage: 10 })
  const p = await w.person('Tom Topup')
  const plan = await w.plan({ printPages: 100 })
  await w.membership(p.personId, plan.id)
  await synced(w, p.personId, true)
  const mine = () => fake.adjustments.filter((a) => a.username === p.email)
  await waitFor(() => mine().length === 1, { timeoutMs: 20_000, message: 'first top-up' })
  const today = new Date().toISOString().slice(0, 10)
  await runJob(w, personPeriodJob, { personId: p.personId, on: today })
  await runJob(w, personPeriodJob, { personId: p.personId, on: today })
  assert.equal(mine().length, 1, 'one adjustment for the period')
  assert.deepEqual([mine()[0]!.amount, mine()[0]!.type], [10, 'double'], '100 pages × 10 cents = 10.00, sent as <double>')
  assert.equal(fake.users.get(p.email)?.balance, 10)
  const rows = await t.adminQuery('SELECT period FROM papercut.period_ledger WHERE tenant_id = $1 AND person_id = $2', [w.tenantId, p.personId])
  assert.deepEqual(rows.rows.map((r) => r.period), [today.slice(0, 7)])
  // a strict server refuses an amount sent as <int>: the fake does, so the plugin's <double> is what made it through
  assert.ok(fake.calls.some((c) => c.method === 'api.adjustUserAccountBalance' && c.types[2] === 'double'))
})

test('pages beyond the allowance become exactly one billing charge at the period end', async () => {
  const w = await world(t, fake, { pricePerPage: 10, pricePerColourPage: 50 })
  const p = await w.person('Olga Overage')
  const plan = await w.plan({ printPages: 100 })
  await w.membership(p.personId, plan.id)
  await synced(w, p.personId, true)
  await waitFor(async () => ((await t.adminQuery('SELECT 1 FROM papercut.period_ledger WHERE tenant_id = $1 AND person_id = $2', [w.tenantId, p.personId])).rowCount ?? 0) > 0, { timeoutMs: 20_000, message: 'period claimed' })
  fake.printJob(p.email, { pages: 150, colourPages: 20, cost: 23 })
  const next = nextMonthFirst()
  await runJob(w, personPeriodJob, { personId: p.personId, on: next })
  await runJob(w, personPeriodJob, { personId: p.personId, on: next })
  const charges = await t.adminQuery('SELECT description, quantity, unit_amount::int AS amount, source, invoice_id FROM billing.charges WHERE tenant_id = $1 AND payer_id = $2 AND source LIKE \'papercut:%\'', [w.tenantId, p.personId])
  // 130 black-and-white pages × 10 + 20 colour pages × 50 = 2300, minus the allowance's 100 pages × 10 = 1300
  assert.equal(charges.rowCount, 1, `one charge (account: ${JSON.stringify(await account(w, p.personId))}, ledger: ${JSON.stringify((await t.adminQuery('SELECT period, start_pages, settled_at FROM papercut.period_ledger WHERE person_id = $1', [p.personId])).rows)})`)
  assert.deepEqual(charges.rows[0], {
    description: `Printing beyond the allowance, ${new Date().toISOString().slice(0, 7)}`, quantity: 1, amount: 1300,
    source: `papercut:overage:${p.personId}:${new Date().toISOString().slice(0, 7)}`, invoice_id: null,
  })
  const adjustments = fake.adjustments.filter((a) => a.username === p.email)
  assert.equal(adjustments.length, 2, 'the new period was topped up once')
})

test('the daily period-run queues every account: at a new period the last one is settled and the new one topped up', async () => {
  const w = await world(t, fake, { pricePerPage: 10 })
  const p = await w.person('Dan Daily')
  await w.membership(p.personId, (await w.plan({ printPages: 20 })).id)
  await synced(w, p.personId, true)
  await waitFor(() => fake.adjustments.some((a) => a.username === p.email), { timeoutMs: 20_000, message: 'first top-up' })
  fake.printJob(p.email, { pages: 25 })
  await runJob(w, periodRunJob, { on: nextMonthFirst() })
  const next = nextMonthFirst().slice(0, 7)
  await waitFor(async () => ((await t.adminQuery('SELECT 1 FROM papercut.period_ledger WHERE tenant_id = $1 AND person_id = $2 AND period = $3', [w.tenantId, p.personId, next])).rowCount ?? 0) > 0,
    { timeoutMs: 20_000, message: 'next period topped up by the queued job' })
  const charge = await t.adminQuery(`SELECT unit_amount::int AS amount FROM billing.charges WHERE tenant_id = $1 AND source LIKE 'papercut:%'`, [w.tenantId])
  assert.deepEqual(charge.rows, [{ amount: 50 }], '5 pages beyond 20, at 10 each')
  assert.equal(fake.adjustments.filter((a) => a.username === p.email).length, 2)
})

test('PaperCut down: the person shows the error and its reason; once it is back, the staff retry succeeds', async () => {
  const w = await world(t, fake)
  const plan = await w.plan({ printPages: 10 })
  await fake.stop()
  let p: Awaited<ReturnType<World['person']>>
  try {
    p = await w.person('Dora Down')
    await w.membership(p.personId, plan.id)
    const failed = await waitFor(async () => {
      const a = await account(w, p.personId)
      return a?.state === 'error' ? a : undefined
    }, { timeoutMs: 20_000, message: 'error stored' })
    assert.equal(failed.errorKind, 'unreachable')
    assert.match(failed.errorReason, /unreachable/)
    assert.ok(failed.failures >= 1)
    assert.equal(fake.users.has(p.email), false)
  } finally {
    await fake.start()
  }
  const retry = await w.call('POST', `/papercut/accounts/${p.personId}/retry`, {})
  assert.equal(retry.statusCode, 202, retry.body)
  const a = await synced(w, p.personId, true)
  assert.deepEqual([a.errorKind, a.errorReason, a.failures], [null, null, 0])
  assert.ok(fake.users.has(p.email))
  const unknown = await w.call('POST', `/papercut/accounts/${randomUUID()}/retry`, {})
  assert.equal(unknown.statusCode, 404)
})

test('a refused token is stored as bad-token; after the retries the person is dead with the reason until staff retry', async () => {
  const w = await world(t, fake, { authToken: 'not-the-token' })
  const p = await w.person('Ben Badtoken')
  const plan = await w.plan({ printPages: 10 })
  await w.membership(p.personId, plan.id)
  await waitFor(async () => (await account(w, p.personId))?.errorKind === 'bad-token', { timeoutMs: 20_000, message: 'bad token stored' })
  // the job's retries (queued with backoff; run here at once)
  for (let i = 0; i < 6; i++) await runJob(w, syncPersonJob, { personId: p.personId }).catch(() => {})
  const a = await account(w, p.personId)
  assert.equal(a.state, 'dead')
  assert.match(a.errorReason, /auth token/)
  const event = await t.events.next('papercut.account.sync-failed', { where: (e: any) => e.payload.personId === p.personId && e.payload.dead })
  assert.equal(event.payload.kind, 'bad-token')
})

test('the fake is strict like PaperCut: a wrong token and an amount sent as <int> are refused with a fault', async () => {
  const client = xmlrpc.createClient({ url: `${fake.url}/rpc/api/xmlrpc` })
  const callFake = (method: string, params: unknown[]) => new Promise<unknown>((resolve, reject) => client.methodCall(method, params, (e, v) => (e ? reject(e) : resolve(v))))
  await callFake('api.addNewInternalUser', [fake.token, 'strict-user', 'pw', 'Strict', 's@example.test', '', ''])
  await assert.rejects(callFake('api.adjustUserAccountBalance', [fake.token, 'strict-user', 5, 'int amount']), /Invalid argument types.*int/)
  await assert.rejects(callFake('api.isUserExists', ['wrong', 'strict-user']), /Authentication failed/)
  assert.equal(fake.users.get('strict-user')?.balance, 0)
})

test('the auth token can be a kernel secret (and usernames the person id); a secret that is not configured is stored as not-configured', async () => {
  const w = await world(t, fake, { authTokenSecret: 'papercut_site_token', usernames: 'person-id' })
  const p = await w.person('Sid Secret')
  const plan = await w.plan({ printPages: 10 })
  await w.membership(p.personId, plan.id)
  const a = await synced(w, p.personId, true)
  assert.equal(a.username, `tessera-${p.personId}`, 'usernames: person-id keeps the e-mail out of the username')
  assert.equal(fake.users.get(a.username)?.email, p.email)

  const missing = await world(t, fake, { authTokenSecret: 'papercut_nowhere' })
  const q = await missing.person('Nia Nosecret')
  await missing.membership(q.personId, (await missing.plan({ printPages: 10 })).id)
  const failed = await waitFor(async () => {
    const row = await account(missing, q.personId)
    return row?.errorKind ? row : undefined
  }, { timeoutMs: 20_000, message: 'error stored' })
  assert.equal(failed.errorKind, 'not-configured')
  assert.match(failed.errorReason, /papercut_nowhere/)
})

test('the config is bounded: a server URL that is not http(s), an over-long token or an unknown key is refused on enable', async () => {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'bookings', 'billing', 'access']) await t.enable(tenant.id, p)
  for (const bad of [
    { serverUrl: 'file:///etc/passwd', authToken: 'x' },
    { serverUrl: 'http://papercut.local:9191', authToken: 'x'.repeat(201) },
    { serverUrl: 'http://papercut.local:9191', authToken: 'x', colour: true },
    { authToken: 'x' },
  ]) {
    await assert.rejects(t.enable(tenant.id, 'papercut', bad), (e: Error & { status?: number; statusCode?: number }) => {
      const status = e.status ?? e.statusCode
      return status !== undefined && status >= 400 && status < 500
    }, JSON.stringify(bad))
  }
  const enabled = await t.adminQuery(`SELECT count(*)::int AS n FROM tessera.tenant_plugins WHERE tenant_id = $1 AND plugin_id = 'papercut' AND state = 'enabled'`, [tenant.id])
  assert.equal(enabled.rows[0].n, 0)
})
