/**
 * Declarative tenants: a `tenant.json` names the tenant, the plugins it runs (with semver ranges and config), its
 * users and their roles, and optional sample data per plugin. Applying a manifest is idempotent — the tenant and users
 * are created when missing, plugins are enabled in dependency order (or reconfigured), and a plugin's `seed` hook
 * receives its data only the first time that plugin is enabled for the tenant.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import semver from 'semver'
import { TENANT_ROLES } from '@tessera/sdk'
import type { TenantRole } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'

/** A tenant manifest. */
export interface TenantManifest {
  slug: string
  name: string
  plugins: Record<string, { version?: string; config?: Record<string, unknown> }>
  users?: { email: string; name: string; role: TenantRole; password?: string; operator?: boolean }[]
  data?: Record<string, unknown>
}

const schema = {
  type: 'object', additionalProperties: false, required: ['slug', 'name', 'plugins'],
  properties: {
    $schema: { type: 'string' },
    slug: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
    name: { type: 'string', minLength: 1 },
    plugins: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: false, properties: { version: { type: 'string' }, config: { type: 'object' } } },
    },
    users: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['email', 'name', 'role'],
        properties: {
          email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string', minLength: 8 }, operator: { type: 'boolean' },
          role: { enum: [...TENANT_ROLES] },
        },
      },
    },
    data: { type: 'object' },
  },
}
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

/** Reads the manifests of `path`: a `tenant.json`, a folder holding one, or a folder of such folders. */
export function readTenantManifests(path: string): { file: string; manifest: TenantManifest }[] {
  const files = path.endsWith('.json') ? [path]
    : existsSync(join(path, 'tenant.json')) ? [join(path, 'tenant.json')]
    : readdirSync(path).map((d) => join(path, d, 'tenant.json')).filter((f) => existsSync(f) && statSync(f).isFile())
  return files.map((file) => {
    const manifest = JSON.parse(readFileSync(file, 'utf8'))
    if (!validate(manifest)) {
      throw new Error(`${file} is not a valid tenant manifest: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`)
    }
    return { file, manifest: manifest as unknown as TenantManifest }
  })
}

/** What applying did, for progress output. */
export type ApplyStep = (message: string) => void

/** `ids` ordered so that each comes after the ones it depends on. */
function dependencyOrder(k: KernelServices, ids: string[]): string[] {
  const out: string[] = []
  const visit = (id: string, path: string[]) => {
    if (out.includes(id) || path.includes(id)) return
    for (const dep of Object.keys(k.registry.get(id)?.definition?.dependsOn ?? {})) if (ids.includes(dep)) visit(dep, [...path, id])
    out.push(id)
  }
  for (const id of [...ids].sort()) visit(id, [])
  return out
}

/** Applies one manifest. */
export async function applyTenantManifest(k: KernelServices, m: TenantManifest, step: ApplyStep = () => {}): Promise<string> {
  const tenant = (await k.tenants.find(m.slug)) ?? (await k.tenants.create(m.slug, m.name))
  step(`tenant ${m.slug} (${tenant.id})`)
  const actor = { type: 'system' as const, id: 'tenant-manifest' }
  const before = new Map((await k.enablement.list(tenant.id)).map((r) => [r.pluginId, r.state]))
  const wanted = dependencyOrder(k, Object.keys(m.plugins))
  for (const id of wanted) {
    const rt = k.registry.get(id)
    if (!rt?.definition) throw new Error(`${m.slug}: plugin "${id}" is not installed`)
    const range = m.plugins[id].version
    if (range && !semver.satisfies(rt.definition.version, range)) throw new Error(`${m.slug}: plugin "${id}" is ${rt.definition.version}, the manifest wants ${range}`)
    await k.enablement.enable(tenant.id, id, m.plugins[id].config ?? {}, actor)
    step(`  plugin ${id}@${rt.definition.version} enabled`)
  }
  for (const u of m.users ?? []) {
    const existing = await k.users.findForLogin(u.email)
    const user = existing ?? (await k.users.create({ email: u.email, name: u.name, password: u.password, isOperator: u.operator }))
    await k.users.grant(user.id, tenant.id, u.role)
    step(`  user ${u.email} (${u.role}${u.operator ? ', operator' : ''})`)
  }
  for (const id of wanted) {
    const rt = k.registry.get(id)!
    const data = m.data?.[id]
    if (data === undefined || !rt.definition?.seed || before.get(id) === 'enabled') continue
    await k.runner.run({ pluginId: id, tenantId: tenant.id, actor, permissions: k.roles().all }, () => rt.definition!.seed!(rt.ctx!, data))
    step(`  sample data for ${id} loaded`)
  }
  return tenant.id
}
