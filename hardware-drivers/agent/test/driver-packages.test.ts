/**
 * Driver packages named in the agent config (`driverPackages`): a site folder whose `node_modules` holds a third-party
 * driver package (`fixtures/tessera-driver-fixture-relay`, plain JavaScript with an import-only `exports` map, as a
 * built package is) next to the driver SDK. The agent started from that folder's config file loads the package,
 * registers its driver, starts the configured device, announces it to the kernel, and executes a signed unlock on it.
 * Packages that are missing, target another driver SDK, declare no range, are not drivers or reuse a built-in id are
 * refused with one line naming the package — also by the CLI, which then exits 1.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { agentDriverSdkVersion, createSiteAgent, loadSiteAgentConfig } from '../src/index.ts'
import { FakeKernel } from './fake-kernel.ts'
import { AGENT_ID, SECRET, memoryLogger } from './test-support.ts'
import type { LogLine } from './test-support.ts'

const fixture = join(import.meta.dirname, 'fixtures', 'tessera-driver-fixture-relay')
const FIXTURE = '@acme/tessera-driver-fixture-relay'
let site: string
let kernel: FakeKernel

/** Installs a copy of the fixture package under another name, with its manifest and entry edited. */
function installVariant(name: string, edit: { manifest?: (m: Record<string, unknown>) => void; entry?: (js: string) => string } = {}): void {
  const dir = join(site, 'node_modules', name)
  cpSync(fixture, dir, { recursive: true })
  const manifest = JSON.parse(readFileSync(join(fixture, 'package.json'), 'utf8')) as Record<string, unknown>
  manifest.name = name
  edit.manifest?.(manifest)
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest))
  if (edit.entry) writeFileSync(join(dir, 'index.js'), edit.entry(readFileSync(join(fixture, 'index.js'), 'utf8')))
}

/** Writes the site's agent config naming `packages` and one device of `driver`; returns its path. */
function siteConfig(packages: string[], driver: string): string {
  const path = join(site, `agent-${driver}.json`)
  writeFileSync(path, JSON.stringify({
    agentId: AGENT_ID, kernelUrl: kernel.url, agentSecret: SECRET, dataDir: `data-${driver}`,
    driverPackages: packages,
    drivers: [{ deviceId: 'gate', driver, config: { board: 'gate-board' } }],
    reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0 },
  }))
  return path
}

before(async () => {
  kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
  site = mkdtempSync(join(tmpdir(), 'tessera-site-'))
  // the driver SDK this agent runs, installed next to the driver packages (as npm would hoist the peer dependency)
  const sdk = realpathSync(dirname(createRequire(import.meta.url).resolve('@tessera/driver-sdk/package.json')))
  mkdirSync(join(site, 'node_modules/@tessera'), { recursive: true })
  symlinkSync(sdk, join(site, 'node_modules/@tessera/driver-sdk'))
  installVariant(FIXTURE)
  installVariant('@acme/tessera-driver-future', { manifest: (m) => void (m.peerDependencies = { '@tessera/driver-sdk': '^2.0.0' }) })
  installVariant('@acme/tessera-driver-no-range', { manifest: (m) => void delete m.peerDependencies })
  installVariant('@acme/tessera-not-a-driver', { entry: () => 'export default { hello: "world" }\n' })
  installVariant('@acme/tessera-driver-impostor', { entry: (js) => js.replace("id: 'fixture-relay'", "id: 'simulator'") })
})

after(async () => {
  await kernel?.stop()
  if (site) rmSync(site, { recursive: true, force: true })
})

describe('site agent driver packages', () => {
  it('loads a driver package named in its config, starts its device, and executes a signed unlock on it', async () => {
    const logs: LogLine[] = []
    const agent = await createSiteAgent({ ...loadSiteAgentConfig(siteConfig([FIXTURE], 'fixture-relay')), logger: memoryLogger(logs) })
    try {
      const { relays } = (await import(pathToFileURL(join(site, 'node_modules', FIXTURE, 'index.js')).href)) as { relays: Map<string, boolean> }
      assert.equal(relays.get('gate-board'), false, 'the package driver switched the relay off at start')
      assert.ok(logs.some((l) => l.message === 'driver package loaded' && l.fields.package === FIXTURE && l.fields.version === '1.2.3' && l.fields.driver === 'fixture-relay'))
      await agent.waitUntilConnected(5000)
      assert.deepEqual(kernel.hellos.at(-1)?.devices.map((d) => [d.deviceId, d.driver, d.kind]), [['gate', 'fixture-relay', 'lock']])

      const command = kernel.command(AGENT_ID, 'unlock', { deviceId: 'gate', durationMs: 10_000, requestId: 'pkg-1', actor: { kind: 'staff', id: 'desk', via: 'admin' } })
      const reply = await kernel.reply(command.id)
      assert.ok(reply.type === 'command-result' && reply.ok, JSON.stringify(reply))
      assert.equal(relays.get('gate-board'), true, 'the relay is energised')
      assert.equal((await agent.device('gate')?.status())?.state, 'unlocked')
      await kernel.until(() => [...kernel.stored.values()].some((e) => e.deviceId === 'gate' && e.category === 'lock' && e.kind === 'unlocked' && e.requestId === 'pkg-1'), 3000, 'unlocked event')
    } finally {
      await agent.close()
    }
  })

  it('refuses a package that is missing, targets another driver SDK, declares no range, is no driver or reuses a driver id', async () => {
    const version = agentDriverSdkVersion()
    const refusal = (pkg: string, driver = 'fixture-relay') => createSiteAgent({ ...loadSiteAgentConfig(siteConfig([pkg], driver)), logger: memoryLogger([]) })
    await assert.rejects(refusal('@acme/tessera-driver-missing'), new RegExp(`^Error: driver package "@acme/tessera-driver-missing" is not installed \\(looked in node_modules from ${site}`))
    await assert.rejects(refusal('@acme/tessera-driver-future'), new RegExp(`^Error: driver package "@acme/tessera-driver-future" 1\\.2\\.3 needs @tessera/driver-sdk \\^2\\.0\\.0; this agent runs @tessera/driver-sdk ${version.replaceAll('.', '\\.')}$`))
    await assert.rejects(refusal('@acme/tessera-driver-no-range'), /driver package "@acme\/tessera-driver-no-range" does not declare the @tessera\/driver-sdk range it was built for/)
    await assert.rejects(refusal('@acme/tessera-not-a-driver'), /driver package "@acme\/tessera-not-a-driver" 1\.2\.3 does not default-export a driver \(defineDriver from @tessera\/driver-sdk\)/)
    await assert.rejects(refusal('@acme/tessera-driver-impostor', 'simulator'), /driver package "@acme\/tessera-driver-impostor" 1\.2\.3: driver "simulator" is already registered/)
    assert.throws(() => loadSiteAgentConfig(writeBadList()), /driverPackages must be an array of package names/)
  })

  it('the CLI exits 1 with one line naming a driver package that is not installed', async () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'site-agent.ts')
    const child = spawn(process.execPath, [bin, siteConfig(['@acme/tessera-driver-missing'], 'fixture-relay')], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    assert.equal(code, 1, stderr)
    assert.match(stderr, /^site-agent: driver package "@acme\/tessera-driver-missing" is not installed \(looked in node_modules from [^\n]+\)\n$/)
  })
})

/** A config whose driverPackages is not a list of names. */
function writeBadList(): string {
  const path = join(site, 'agent-bad-list.json')
  writeFileSync(path, JSON.stringify({ agentId: AGENT_ID, kernelUrl: kernel.url, agentSecret: SECRET, dataDir: 'd', driverPackages: [42], drivers: [] }))
  return path
}
