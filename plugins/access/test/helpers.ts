/**
 * Test helpers: a real kernel (members, spaces, bookings, access) on a fresh PostgreSQL database, listening on a real port;
 * a tenant with a location, a registered agent, doors and people set up through the public API; a real site agent
 * (`createSiteAgent`) connecting to the kernel's WebSocket — through a TCP relay the test can cut and restore, which
 * is what a broken site uplink looks like to both ends.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import type { Server, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { LightMyRequestResponse } from 'fastify'
import { createSiteAgent } from '@tessera/site-agent'
import type { AgentLogger, DeviceConfig, SiteAgent } from '@tessera/site-agent'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import access from '../src/index.ts'

/** Boots the plugins (and `extra` ones, e.g. billing) with job workers (subscribers push grants) and starts listening. */
export async function boot(options: { workers?: boolean; extra?: unknown[] } = {}): Promise<TestKernel & { port: number }> {
  const t = await createTestKernel({ plugins: [members, spaces, bookings, ...(options.extra ?? []), access] as never, workers: options.workers ?? true, config: { database: { poolSize: 12 } } as never })
  const port = Number(new URL(await t.listen()).port)
  return Object.assign(t, { port })
}

const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/** A tenant with the plugins enabled, a location and a registered agent. */
export interface World {
  tenantId: string
  staff: string
  locationId: string
  agentId: string
  agentSecret: string
  connectPath: string
  call(method: Method, url: string, payload?: unknown, session?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  ok<T = any>(res: Promise<LightMyRequestResponse>): Promise<T>
  /** A signed-in member with a person record. */
  member(name?: string): Promise<{ cookie: string; personId: string }>
  door(deviceId: string, extra?: Record<string, unknown>): Promise<string>
  /**
   * Remote unlock as a client should do it: with an Idempotency-Key, retried with the same key while the agent is
   * momentarily unreachable (503/504, e.g. reconnecting after a missed ping on a loaded machine).
   */
  unlock(doorId: string, session?: string, body?: object, key?: string): Promise<LightMyRequestResponse>
}

let n = 0

export async function world(t: TestKernel, accessConfig: Record<string, unknown> = {}): Promise<World> {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'access', accessConfig)
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  const call = (method: Method, url: string, payload?: unknown, session = staff, headers: Record<string, string> = {}) =>
    t.request({ method, url: `/api/v1${url}`, session, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res
    if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const location = await ok(call('POST', '/spaces/locations', { name: 'Main', timezone: 'Europe/Amsterdam', openingHours: ALL_DAY }))
  const agent = await ok(call('POST', '/access/agents', { name: 'Site agent' }))
  const w: World = {
    tenantId: tenant.id, staff, locationId: location.id, agentId: agent.id, agentSecret: agent.secret, connectPath: agent.connectPath, call, ok,
    async member(name = `Member ${++n}`) {
      const m = await t.signIn({ tenantId: tenant.id, role: 'member' })
      const p = await ok(call('POST', '/members/people', { name, email: m.email }))
      await ok(call('POST', `/members/people/${p.id}/invite`, {}))
      return { cookie: m.cookie, personId: p.id }
    },
    async unlock(doorId, session = staff, body = {}, key = `test-${++n}-${Date.now()}`) {
      const end = Date.now() + 10_000
      for (;;) {
        const res = await call('POST', `/access/doors/${doorId}/unlock`, body, session, { 'idempotency-key': key })
        if ((res.statusCode !== 503 && res.statusCode !== 504) || Date.now() > end) return res
        await new Promise((r) => setTimeout(r, 200))
      }
    },
    async door(deviceId, extra = {}) {
      return (await ok(call('POST', '/access/doors', { name: `Door ${deviceId}`, locationId: location.id, agentId: agent.id, deviceId, ...extra }))).id
    },
  }
  return w
}

/** A log line of the agent. */
export interface LogLine { level: string; message: string; fields: Record<string, unknown> }

/** Starts a real site agent for the world's agent id, connecting to `url`. */
export async function startAgent(w: World, url: string, drivers: DeviceConfig[], options: { now?: () => number } = {}): Promise<{ agent: SiteAgent; logs: LogLine[]; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-access-'))
  const logs: LogLine[] = []
  const logger: AgentLogger = {
    info: (message, fields = {}) => logs.push({ level: 'info', message, fields }),
    warn: (message, fields = {}) => logs.push({ level: 'warn', message, fields }),
    error: (message, fields = {}) => logs.push({ level: 'error', message, fields }),
  }
  const agent = await createSiteAgent({
    agentId: w.agentId, kernelUrl: url, agentSecret: w.agentSecret, dataDir: dir, drivers,
    reconnect: { initialDelayMs: 50, maxDelayMs: 250, jitter: 0 }, heartbeatIntervalMs: 2000, resendAfterMs: 2000, logger, // two missed pings (4 s) drop the link
    lockout: { maxFailures: 1000, windowMs: 60_000 }, // tests poll refused credentials
    ...(options.now ? { now: options.now } : {}),
  })
  return { agent, logs, async close() { await agent.close(); await rm(dir, { recursive: true, force: true }) } }
}

/** The kernel's agent endpoint for a world. */
export const agentUrl = (port: number, w: World) => `ws://127.0.0.1:${port}${w.connectPath}`

/** A TCP relay in front of the kernel: `cut()` drops every connection and refuses new ones; `restore()` undoes it. */
export class LinkRelay {
  port = 0
  readonly #target: number
  #server: Server | null = null
  readonly #sockets = new Set<Socket>()
  constructor(target: number) { this.#target = target }
  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.#target, '127.0.0.1')
      for (const s of [client, upstream]) { this.#sockets.add(s); s.on('close', () => this.#sockets.delete(s)); s.on('error', () => {}) }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    const a = server.address()
    this.port = typeof a === 'object' && a ? a.port : 0
    this.#server = server
  }
  async cut(): Promise<void> {
    const server = this.#server
    this.#server = null
    for (const s of this.#sockets) s.destroy()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** Polls `fn` until it returns a value other than undefined. */
export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A hand-driven agent connection (protocol handshake done by the test), for sending exactly what a test wants. */
export async function rawAgent(url: string, agentId: string, secret: string): Promise<{
  messages: any[]
  send(message: unknown): void
  until<T>(pick: (messages: any[]) => T | undefined, ms?: number): Promise<T>
  close(): Promise<void>
  closeCode(): Promise<number>
}> {
  const { WebSocket } = await import('ws')
  const { helloProof } = await import('@tessera/driver-sdk')
  const socket = new WebSocket(url)
  const messages: any[] = []
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString())
    if (m.type === 'challenge') {
      const hello = { agentId, challenge: m.challenge, agentChallenge: 'test-agent-challenge-0123456789', sentAt: new Date().toISOString() }
      socket.send(JSON.stringify({ type: 'hello', protocol: 1, ...hello, proof: helloProof(secret, hello), software: 'test', devices: [], grantsVersion: null }))
    }
    messages.push(m)
  })
  const until = <T>(pick: (messages: any[]) => T | undefined, ms = 5000) => waitFor(() => pick(messages), ms, 'agent message')
  return {
    messages, until,
    send: (message) => socket.send(JSON.stringify(message)),
    async close() { socket.close(); await closed },
    closeCode: () => closed,
  }
}
