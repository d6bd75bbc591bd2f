/** Lookups issued together report their failures in the order given, not in the order they happened to fail. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { firstFailureInOrder } from '../src/domain/first-failure.ts'

const later = <T>(ms: number, fn: () => T) => new Promise<T>((resolve, reject) => setTimeout(() => {
  try { resolve(fn()) } catch (e) { reject(e) }
}, ms))

test('the first failure in argument order wins, even when a later one failed sooner', async () => {
  const rules = later(30, () => { throw new Error('422 rule') })
  const seat = later(0, () => { throw new Error('409 taken') })
  await assert.rejects(firstFailureInOrder([rules, seat]), /422 rule/)
})

test('a later failure is reported when the earlier ones succeed; all values come back in order otherwise', async () => {
  await assert.rejects(firstFailureInOrder([later(0, () => 1), later(5, () => { throw new Error('409 taken') })]), /409 taken/)
  assert.deepEqual(await firstFailureInOrder<[number, string]>([later(10, () => 1), later(0, () => 'b')]), [1, 'b'])
})
