/**
 * A real FreeRADIUS (Debian `freeradius` 3.2) for tests, started by the test: a copy of `/etc/freeradius/3.0` in a
 * temp folder with this plugin's `radius/` site and sql module, a fresh self-signed server certificate for PEAP,
 * its own client secret and its own UDP ports on 127.0.0.1, owned by `freerad` (the daemon drops to it). rlm_sql
 * connects to the test database as `tessera_radius`. `radclient` and `eapol_test` (Debian `eapoltest`) talk to it.
 */
import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { mkdtemp, rm, writeFile, readFile, symlink, unlink, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

const run = promisify(execFile)
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
const RADIUS_DIR = join(import.meta.dirname, '..', '..', 'radius')

/** A running FreeRADIUS. */
export interface FreeRadius {
  authPort: number
  acctPort: number
  secret: string
  /** The daemon's output so far (for failure messages). */
  output(): string
  /** Sends one RADIUS request with `radclient`; resolves with radclient's exit code and output. */
  radclient(kind: 'auth' | 'acct', attributes: Record<string, string | number>): Promise<{ code: number; output: string }>
  /** Runs a PEAP/MSCHAPv2 authentication with `eapol_test`; resolves true on EAP success. */
  peap(identity: string, password: string): Promise<{ ok: boolean; output: string }>
  close(): Promise<void>
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4')
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve))
  const port = s.address().port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

function exitCode(err: unknown): number {
  const c = (err as { code?: unknown }).code
  return typeof c === 'number' ? c : 1
}

/** Starts FreeRADIUS against the database at `databaseUrl` and waits until it answers. */
export async function startFreeRadius(databaseUrl: string): Promise<FreeRadius> {
  const db = new URL(databaseUrl)
  const dir = await mkdtemp(join(tmpdir(), 'tessera-radius-'))
  const raddb = join(dir, 'raddb')
  await run('cp', ['-a', '/etc/freeradius/3.0', raddb])
  await run('mkdir', ['-p', join(dir, 'log'), join(dir, 'run')])
  // PEAP server certificate
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(raddb, 'certs', 'test-server.key'),
    '-out', join(raddb, 'certs', 'test-server.pem'), '-days', '2', '-subj', '/CN=tessera-radius-test'], { env: { PATH } })
  const eapPath = join(raddb, 'mods-available', 'eap')
  const eap = (await readFile(eapPath, 'utf8'))
    .replace(/private_key_file = .*/, 'private_key_file = ${certdir}/test-server.key')
    .replace(/certificate_file = \/etc\/ssl.*/, 'certificate_file = ${certdir}/test-server.pem')
    .replace(/ca_file = \/etc\/ssl.*/, 'ca_file = ${certdir}/test-server.pem')
    .replace(/private_key_password = whatever/, '')
  await writeFile(eapPath, eap)
  const confPath = join(raddb, 'radiusd.conf')
  const conf = (await readFile(confPath, 'utf8'))
    .replace(/^logdir = .*$/m, `logdir = ${join(dir, 'log')}`)
    .replace(/^run_dir = .*$/m, `run_dir = ${join(dir, 'run')}`)
  await writeFile(confPath, conf)
  // the project's site and sql module instead of the stock sites
  for (const f of ['default', 'inner-tunnel']) await unlink(join(raddb, 'sites-enabled', f))
  await writeFile(join(raddb, 'sites-available', 'tessera'), await readFile(join(RADIUS_DIR, 'sites-available', 'tessera')))
  await symlink('../sites-available/tessera', join(raddb, 'sites-enabled', 'tessera'))
  await writeFile(join(raddb, 'mods-available', 'sql'), await readFile(join(RADIUS_DIR, 'mods-available', 'sql')))
  await symlink('../mods-available/sql', join(raddb, 'mods-enabled', 'sql'))
  const secret = randomBytes(12).toString('hex')
  await writeFile(join(raddb, 'clients.conf'), `client test {\n\tipaddr = 127.0.0.1\n\tsecret = ${secret}\n\trequire_message_authenticator = no\n}\n`)
  await run('chown', ['-R', 'freerad:freerad', dir])
  await chmod(dir, 0o755)

  const authPort = await freeUdpPort()
  const acctPort = await freeUdpPort()
  let out = ''
  const child: ChildProcess = spawn('freeradius', ['-f', '-l', 'stdout', '-d', raddb], {
    env: {
      PATH, TESSERA_RADIUS_LISTEN: '127.0.0.1', TESSERA_RADIUS_AUTH_PORT: String(authPort), TESSERA_RADIUS_ACCT_PORT: String(acctPort),
      TESSERA_RADIUS_DB_HOST: db.hostname, TESSERA_RADIUS_DB_PORT: db.port || '5432', TESSERA_RADIUS_DB_NAME: db.pathname.slice(1),
      TESSERA_RADIUS_DB_PASSWORD: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  let exited = false
  child.on('exit', () => { exited = true })

  const radclient: FreeRadius['radclient'] = async (kind, attributes) => {
    const input = Object.entries(attributes).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : JSON.stringify(v)}`).join('\n')
    const port = kind === 'auth' ? authPort : acctPort
    return new Promise((resolve) => {
      const p = execFile('radclient', ['-x', '-r', '2', '-t', '2', `127.0.0.1:${port}`, kind, secret], { env: { PATH } }, (err, stdout, stderr) => {
        resolve({ code: err ? exitCode(err) : 0, output: `${stdout}${stderr}` })
      })
      p.stdin!.end(`${input}\n`)
    })
  }

  const started = Date.now()
  for (;;) {
    if (exited) throw new Error(`freeradius exited:\n${out}`)
    const r = await radclient('auth', { 'User-Name': 'probe@nowhere', 'User-Password': 'x' })
    if (/Received Access-(Reject|Accept)/.test(r.output)) break
    if (Date.now() - started > 20_000) throw new Error(`freeradius did not answer within 20 s:\n${out}`)
  }

  return {
    authPort, acctPort, secret,
    output: () => out,
    radclient,
    async peap(identity, password) {
      const conf = join(dir, `eapol-${randomBytes(4).toString('hex')}.conf`)
      await writeFile(conf, `network={\n\tssid="tessera"\n\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tidentity=${JSON.stringify(identity)}\n` +
        `\tpassword=${JSON.stringify(password)}\n\tphase1="peapver=0"\n\tphase2="auth=MSCHAPV2"\n}\n`)
      return new Promise((resolve) => {
        execFile('eapol_test', ['-c', conf, '-a', '127.0.0.1', '-p', String(authPort), '-s', secret, '-t', '10'], { env: { PATH }, maxBuffer: 8 << 20 },
          (err, stdout, stderr) => resolve({ ok: !err && /SUCCESS/.test(stdout), output: `${stdout.slice(-3000)}${stderr}` }))
      })
    },
    async close() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await gone
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}
