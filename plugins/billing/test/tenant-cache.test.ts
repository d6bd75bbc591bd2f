/**
 * The billing UI's per-page currency memo is keyed by tenant: after a tenant switch in the same page the screens get
 * the new tenant's currency, not the first tenant's (the old page-wide `currencyOnce` kept EUR for a GBP tenant).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { tenantCache } from '../ui/tenant-cache.ts'

test('switching tenant in the same page loads the other tenant\'s currency; each tenant is loaded once', async () => {
  const server: Record<string, string> = { 'tenant-eur': 'EUR', 'tenant-gbp': 'GBP' }
  const loads: string[] = []
  const currency = tenantCache(async (tenantId) => { loads.push(tenantId); return server[tenantId]! })
  assert.equal(await currency.get('tenant-eur'), 'EUR')
  assert.equal(await currency.get('tenant-gbp'), 'GBP', 'the switched-to tenant gets its own currency')
  assert.equal(await currency.get('tenant-eur'), 'EUR')
  assert.equal(await currency.get('tenant-gbp'), 'GBP')
  assert.deepEqual(loads, ['tenant-eur', 'tenant-gbp'], 'once per tenant')
})

test('a failed load is forgotten, so the next screen of that tenant asks again', async () => {
  let fail = true
  const currency = tenantCache(async () => { if (fail) throw new Error('offline'); return 'EUR' })
  await assert.rejects(currency.get('t1'), /offline/)
  fail = false
  assert.equal(await currency.get('t1'), 'EUR')
})
