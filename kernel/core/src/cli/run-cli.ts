/**
 * The `tessera` commands (commander): start, migrate, tenants create|list|apply, plugins list|status|enable|disable and
 * the plugin author's new|build|dev (`plugins-new.ts`, `plugins-build.ts`, `plugins-dev.ts`), users create, tokens
 * create|list|revoke, drivers new. Errors print one clear line and exit non-zero.
 */
import { resolve } from 'node:path'
import { Command } from 'commander'
import { loadConfig } from '@tessera/config'
import type { TenantRole } from '@tessera/sdk'
import { TENANT_ROLES } from '@tessera/sdk'
import { createKernel } from '../kernel.ts'
import type { Kernel } from '../kernel.ts'
import { readTenantManifests, applyTenantManifest } from './tenant-manifest.ts'
import { pluginStatus } from '../routes/admin-routes.ts'
import { ApiTokenService, MAX_TOKEN_DAYS } from '../auth/api-token-service.ts'
import { auditPlatform } from '../audit/audit-writer.ts'
import { ShutdownSignals } from './shutdown-signals.ts'
import { registerDriversCommand } from './drivers-new.ts'
import { registerPluginsNew } from './plugins-new.ts'
import { registerPluginsBuild } from './plugins-build.ts'
import { registerPluginsDev } from './plugins-dev.ts'

const operator = { type: 'system' as const, id: 'cli' }

async function withKernel<T>(fn: (k: Kernel) => Promise<T>): Promise<T> {
  const kernel = await createKernel({ config: loadConfig({ overrides: { log: { level: 'warn' } } }), workers: false })
  try {
    return await fn(kernel)
  } finally {
    await kernel.close()
  }
}

function print(rows: Record<string, unknown>[]): void {
  if (!rows.length) return void console.log('(none)')
  console.table(rows)
}

/** Builds the program. */
export function buildProgram(): Command {
  const program = new Command('tessera').description('Tessera operator CLI').exitOverride()

  program.command('start').description('run the server (embedded PostgreSQL when DATABASE_URL is not set)')
    .option('--demo', 'apply the demo tenant manifest (tenants/demo) after boot')
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig()
      const signals = new ShutdownSignals() // installed before boot: Ctrl-C during boot still stops cleanly
      const kernel = await createKernel({ config })
      let url: string
      try {
        if (opts.demo) {
          for (const { manifest } of readTenantManifests(resolve(config.rootDir, 'tenants/demo'))) {
            await applyTenantManifest(kernel.services, manifest, (s) => kernel.services.log.info(s))
          }
        }
        url = await kernel.listen()
      } catch (err) {
        await kernel.close()
        throw err
      }
      const failed = kernel.services.registry.all().filter((p) => p.state === 'failed')
      for (const p of failed) kernel.services.log.warn({ plugin: p.id, reason: p.reason }, 'plugin failed')
      console.log(`Tessera listening at ${url} (UI: ${url}/, API docs: ${url}/docs)`)
      if (opts.demo) console.log('Demo sign-in: operator@demo.tessera.dev / tessera-demo (all demo users: see tenants/README.md)')
      signals.attach(kernel)
      await new Promise(() => {})
    })

  program.command('migrate').description('install and upgrade every configured plugin, then report')
    .action(() => withKernel(async (k) => {
      print(pluginStatus(k.services).map((p) => ({ plugin: p.id, version: p.version, state: p.state, applied: p.migrationsApplied.join(' ') || '-', error: p.error ?? '' })))
      if (pluginStatus(k.services).some((p) => p.state === 'failed')) process.exitCode = 1
    }))

  const tenants = program.command('tenants').description('manage tenants')
  tenants.command('create').requiredOption('--slug <slug>').requiredOption('--name <name>')
    .action((o: { slug: string; name: string }) => withKernel(async (k) => {
      const t = await k.services.tenants.create(o.slug, o.name)
      console.log(`created tenant ${t.slug} ${t.id}`)
    }))
  tenants.command('list').option('--limit <n>', 'page size', '50').option('--offset <n>', 'offset', '0')
    .action((o: { limit: string; offset: string }) => withKernel(async (k) => {
      const page = await k.services.tenants.list(Number(o.limit), Number(o.offset))
      print(page.items as never)
      console.log(`${page.items.length} of ${page.total}`)
    }))
  tenants.command('apply').argument('<path>', 'a tenant.json, a folder with one, or a folder of such folders (e.g. tenants/)')
    .action((path: string) => withKernel(async (k) => {
      const manifests = readTenantManifests(resolve(path))
      for (const [i, { file, manifest }] of manifests.entries()) {
        console.log(`[${i + 1}/${manifests.length}] ${file}`)
        await applyTenantManifest(k.services, manifest, (s) => console.log(s))
      }
    }))

  const plugins = program.command('plugins').description('installed plugins and per-tenant enablement')
  plugins.command('list').action(() => withKernel(async (k) => {
    print(pluginStatus(k.services).map((p) => ({ plugin: p.id, version: p.version, state: p.state, dependsOn: Object.keys(p.dependsOn).join(' '), ui: p.ui, error: p.error ?? p.uiError ?? '' })))
  }))
  plugins.command('status').argument('<tenant>', 'tenant slug or id').action((tenant: string) => withKernel(async (k) => {
    const t = await k.services.tenants.get(tenant)
    const ui = (id: string) => k.services.registry.get(id)?.ui
    print((await k.services.enablement.list(t.id)).map((r) => ({ plugin: r.pluginId, state: r.state, version: r.version, config: JSON.stringify(r.config), ui: ui(r.pluginId)?.state ?? 'none', error: r.error ?? ui(r.pluginId)?.reason ?? '' })))
  }))
  registerPluginsNew(plugins)
  registerPluginsBuild(plugins)
  registerPluginsDev(plugins)
  plugins.command('enable').argument('<tenant>').argument('<plugin>').option('--config <json>', 'plugin config as JSON', '{}')
    .action((tenant: string, plugin: string, o: { config: string }) => withKernel(async (k) => {
      const t = await k.services.tenants.get(tenant)
      const r = await k.services.enablement.enable(t.id, plugin, JSON.parse(o.config), operator)
      console.log(`${plugin} is ${r.state} for ${t.slug}`)
    }))
  plugins.command('disable').argument('<tenant>').argument('<plugin>')
    .action((tenant: string, plugin: string) => withKernel(async (k) => {
      const t = await k.services.tenants.get(tenant)
      const r = await k.services.enablement.disable(t.id, plugin, operator)
      console.log(`${plugin} is ${r.state} for ${t.slug}`)
    }))

  program.command('users').description('manage users').command('create')
    .requiredOption('--email <email>').requiredOption('--name <name>').option('--password <password>')
    .option('--operator', 'platform operator').option('--tenant <tenant>', 'tenant slug or id').option('--role <role>', TENANT_ROLES.join('|'), 'member')
    .action((o: { email: string; name: string; password?: string; operator?: boolean; tenant?: string; role: string }) => withKernel(async (k) => {
      if (!TENANT_ROLES.includes(o.role as TenantRole)) throw new Error(`--role must be one of ${TENANT_ROLES.join(', ')}`)
      const tenant = o.tenant ? await k.services.tenants.get(o.tenant) : undefined
      const user = await k.services.users.create({ email: o.email, name: o.name, password: o.password, isOperator: o.operator })
      if (tenant) await k.services.users.grant(user.id, tenant.id, o.role as TenantRole)
      console.log(`created user ${user.email} ${user.id}${tenant ? ` (${o.role} of ${tenant.slug})` : ''}`)
    }))

  const tokens = program.command('tokens').description("a tenant's API tokens (operator-issued tokens have no creator and live until they expire or are revoked)")
  const tokenService = (k: Kernel) => new ApiTokenService(k.services.pool, k.services.config.auth.apiTokenTtlDays)
  tokens.command('create').argument('<tenant>', 'tenant slug or id').requiredOption('--name <name>').requiredOption('--role <role>', TENANT_ROLES.join('|'))
    .option('--days <n>', `lifetime in days (1-${MAX_TOKEN_DAYS}; default auth.apiTokenTtlDays)`)
    .action((tenant: string, o: { name: string; role: string; days?: string }) => withKernel(async (k) => {
      if (!TENANT_ROLES.includes(o.role as TenantRole)) throw new Error(`--role must be one of ${TENANT_ROLES.join(', ')}`)
      const days = o.days === undefined ? undefined : Number(o.days)
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= MAX_TOKEN_DAYS)) throw new Error(`--days must be an integer from 1 to ${MAX_TOKEN_DAYS}`)
      if (!o.name.trim() || o.name.length > 100) throw new Error('--name must be 1 to 100 characters')
      const t = await k.services.tenants.get(tenant)
      const created = await tokenService(k).create(t.id, { name: o.name, role: o.role as TenantRole, expiresInDays: days }, { kind: 'operator' })
      await auditPlatform(k.services.pool, operator, { tenantId: t.id, action: 'token.create', target: `token:${created.id}`, data: { name: o.name, role: o.role, expiresAt: created.expiresAt } })
      console.log(`created token ${created.id} (${o.role} of ${t.slug}, expires ${created.expiresAt.toISOString()})`)
      console.log(created.token)
    }))
  tokens.command('list').argument('<tenant>', 'tenant slug or id').action((tenant: string) => withKernel(async (k) => {
    const t = await k.services.tenants.get(tenant)
    const page = await tokenService(k).list(t.id, 200, 0)
    print(page.items.map((x) => ({
      id: x.id, name: x.name, role: x.role, state: x.state, createdBy: x.createdBy?.email ?? '(operator)',
      expiresAt: x.expiresAt?.toISOString() ?? '-', lastUsedAt: x.lastUsedAt?.toISOString() ?? '-',
    })))
  }))
  tokens.command('revoke').argument('<tenant>', 'tenant slug or id').argument('<id>', 'token id')
    .action((tenant: string, id: string) => withKernel(async (k) => {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new Error('<id> must be a token id (uuid)')
      const t = await k.services.tenants.get(tenant)
      const revoked = await tokenService(k).revoke(t.id, id, { kind: 'operator' })
      await auditPlatform(k.services.pool, operator, { tenantId: t.id, action: 'token.revoke', target: `token:${id}`, data: revoked })
      console.log(`revoked token ${id} (${revoked.name})`)
    }))
  registerDriversCommand(program)
  return program
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; detail?: string; message: string }
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 1
    console.error(`tessera: ${e.detail ?? e.message}`)
    return 1
  }
}
