/**
 * The kernel of the access browser tests: the shell built (when stale) and the UI bundles of its plugins built (the
 * home screen loads every enabled plugin's dashboard widgets), a real kernel with members, spaces, bookings and access
 * serving them, listening on a real port for Chromium and the site agent.
 */
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { ensureShellBuilt } from '@tessera/ui-shell/testing'
import { buildPluginUi, findPluginUis, sharedSpecifiers } from '@tessera/ui-shell/build'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import access from '../src/index.ts'

/** The repository root and this plugin's folder. */
export const repoRoot = join(import.meta.dirname, '..', '..', '..')
export const pluginDir = join(import.meta.dirname, '..')

/** Builds the UI and boots the kernel serving it; returns the kernel and its port. */
export async function bootUi(): Promise<{ t: TestKernel; port: number }> {
  const distDir = await ensureShellBuilt(repoRoot)
  const shared = new Set(sharedSpecifiers(join(repoRoot, 'ui', 'shell')))
  const ids = ['members', 'spaces', 'bookings', 'access']
  await Promise.all(findPluginUis(join(repoRoot, 'plugins')).filter((p) => ids.includes(p.id)).map((p) => buildPluginUi(p, shared)))
  const dir = (id: string) => join(repoRoot, 'plugins', id)
  const t = await createTestKernel({
    plugins: [{ definition: members, packageDir: dir('members') }, { definition: spaces, packageDir: dir('spaces') }, { definition: bookings, packageDir: dir('bookings') }, { definition: access, packageDir: pluginDir }],
    workers: true,
    config: { ui: { shellDir: distDir } } as never,
  })
  return { t, port: Number(new URL(await t.listen()).port) }
}
