/**
 * `SDK_VERSION` is the SDK package's version: `src/sdk-version.ts` is generated from `package.json` by
 * `node scripts/build-packages.ts` (no JSON import at run time), and this test fails when the two drift apart.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SDK_VERSION } from '@tessera/sdk'

test('SDK_VERSION is the version in the SDK package.json', () => {
  const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }
  assert.equal(SDK_VERSION, version, 'run: npx -y pnpm@10.34.9 exec node scripts/build-packages.ts (it regenerates kernel/sdk/src/sdk-version.ts)')
})
