/**
 * The site agent: the process at a coworking site that runs the door and printer drivers and links them to
 * the kernel. `createSiteAgent` opens the data directory (grant cache, event queue, nonce journal), starts the
 * drivers, and connects out to the kernel. Signed commands are verified (bad signature, wrong agent, expired,
 * replayed and malformed ones are refused, logged and answered with `command-rejected`) and executed; driver
 * events and local access decisions are queued durably and delivered until acked; heartbeats carry device health.
 * `checkCredential` is what a keypad or card reader calls and works with the link down. The wire protocol is
 * documented in this package's README.
 */
import { randomUUID } from 'node:crypto'
import { deriveCredentialKey, verifyCommand } from '@tessera/driver-sdk'
import type {
  AgentEvent,
  AgentStatusReport,
  AgentToKernelMessage,
  DriverRegistry,
  HmacSecret,
  KernelToAgentMessage,
  LockDriver,
  LockEvent,
  PrinterAgentEvent,
  PrinterDriver,
  PrinterEvent,
} from '@tessera/driver-sdk'
import { jsonLineLogger } from './agent-logger.ts'
import type { AgentLogger } from './agent-logger.ts'
import { executeCommand } from './command-executor.ts'
import { defaultDriverRegistry } from './default-registry.ts'
import { DeviceSet } from './device-set.ts'
import { registerDriverPackages } from './driver-packages.ts'
import type { DeviceConfig } from './device-set.ts'
import { EventOutbox } from './event-outbox.ts'
import { GrantStore } from './grant-store.ts'
import { KernelLink } from './kernel-link.ts'
import { LocalAccessControl } from './local-access-control.ts'
import type { AccessDecision, CredentialCheckRequest, LockoutOptions } from './local-access-control.ts'
import { NonceJournal } from './nonce-journal.ts'
import { PrintJournal } from './print-journal.ts'
import type { ReconnectBackoffOptions } from './reconnect-backoff.ts'

/** Software string announced in `hello`. */
export const AGENT_SOFTWARE = 'tessera-site-agent/1.0.0'

/** Options of {@link createSiteAgent}. */
export interface SiteAgentOptions {
  /** This agent's id, as registered in the kernel. */
  agentId: string
  /** The kernel's agent endpoint, `ws://` or `wss://` (use `wss://` across the internet). */
  kernelUrl: string
  /** HMAC key shared with the kernel (≥ 16 bytes; 32 random bytes recommended). */
  agentSecret: HmacSecret
  /** Key for credential hashes; default derived from `agentSecret` (`deriveCredentialKey`). */
  credentialKey?: HmacSecret
  /** Directory for the grant cache, event queue and nonce journal (created, mode 0700). */
  dataDir: string
  /** The devices at this site. */
  drivers: DeviceConfig[]
  /** Reconnect backoff. */
  reconnect?: ReconnectBackoffOptions
  /** Heartbeat and ping interval (ms, default 15 000). */
  heartbeatIntervalMs?: number
  /** Resend an event not acked this long after sending, on the same connection (ms, default 30 000). */
  resendAfterMs?: number
  /** Handshake timeout (ms, default 10 000). */
  handshakeTimeoutMs?: number
  /** Tolerated kernel/agent clock difference when checking command expiry (ms, default 30 000). */
  clockSkewMs?: number
  /** Reader lockout after repeated failed credentials. */
  lockout?: LockoutOptions
  /** Drivers available to `drivers[].driver` (default: `modbus`, `simulator`, `ipp` and `printer-simulator`). */
  registry?: DriverRegistry
  /**
   * Driver packages to add to the registry: npm names whose default export is a `defineDriver` definition (see
   * `driver-packages.ts`); a package that cannot be loaded stops the agent from starting, with its reason.
   */
  driverPackages?: string[]
  /** Folder `driverPackages` are resolved from first, then the agent's install folder (default: the working directory). */
  packageDir?: string
  /** Where logs go (default: JSON lines on stderr). */
  logger?: AgentLogger
  /** Clock, for tests (default `Date.now`). */
  now?: () => number
}

/** A running site agent. */
export interface SiteAgent {
  readonly agentId: string
  /** Whether the kernel link is authenticated and open. */
  readonly connected: boolean
  /** Events waiting for the kernel's ack. */
  readonly queuedEvents: number
  /** Ids of the events waiting for the kernel's ack, oldest first. */
  readonly queuedEventIds: string[]
  /** Version of the cached grant set, or `null`. */
  readonly grantsVersion: number | null
  /** What a keypad or card reader calls: decides locally and unlocks on a valid, in-window grant. */
  checkCredential(request: CredentialCheckRequest): Promise<AccessDecision>
  /** The lock driver behind a device id (e.g. to drive a simulator's sensor), if it started. */
  device(deviceId: string): LockDriver | undefined
  /** The printer driver behind a device id, if it started. */
  printer(deviceId: string): PrinterDriver | undefined
  /** Health of the agent and its devices. */
  status(): Promise<AgentStatusReport>
  /** Resolves once the link is up (immediately if it is). */
  waitUntilConnected(timeoutMs?: number): Promise<void>
  /** Disconnect, close the drivers (relocking), and flush the queue. */
  close(): Promise<void>
}

/**
 * Start a site agent.
 *
 * @param options - see {@link SiteAgentOptions}
 * @returns the running agent (already connecting; drivers already started)
 */
export async function createSiteAgent(options: SiteAgentOptions): Promise<SiteAgent> {
  if (!/^wss?:\/\//.test(options.kernelUrl)) throw new Error('kernelUrl must be a ws:// or wss:// URL')
  if (typeof options.agentId !== 'string' || options.agentId === '') throw new Error('agentId is required')
  const logger = options.logger ?? jsonLineLogger({ agentId: options.agentId })
  const registry = options.registry ?? defaultDriverRegistry()
  await registerDriverPackages(registry, options.driverPackages ?? [], { from: options.packageDir ?? process.cwd(), logger })
  const now = options.now ?? Date.now
  const startedAt = now()
  const outbox = await EventOutbox.open({ dir: options.dataDir })
  const grants = await GrantStore.open({ dir: options.dataDir, secret: options.agentSecret, logger })
  const nonces = await NonceJournal.open(options.dataDir, { now })
  const prints = await PrintJournal.open(options.dataDir, { now: now() })
  const sentAt = new Map<string, number>()
  const upListeners = new Set<() => void>()
  let link: KernelLink | null = null
  let closing = false

  const send = (message: AgentToKernelMessage): boolean => link?.send(message) ?? false
  const sendEvent = (event: AgentEvent | PrinterAgentEvent): void => {
    const sent = event.category === 'printer' ? send({ type: 'printer-event', event }) : send({ type: 'event', event })
    if (sent) sentAt.set(event.id, now())
  }
  const record = async (event: AgentEvent | PrinterAgentEvent): Promise<void> => {
    await outbox.append(event)
    sendEvent(event)
  }
  const onDriverEvent = (deviceId: string, event: LockEvent): void => {
    const forwarded: AgentEvent = {
      id: randomUUID(),
      agentId: options.agentId,
      deviceId,
      occurredAt: event.at,
      category: 'lock',
      kind: event.kind,
      ...(event.requestId !== undefined ? { requestId: event.requestId } : {}),
      ...(event.actor !== undefined ? { actor: event.actor } : {}),
      ...(event.detail !== undefined ? { detail: event.detail } : {}),
    }
    if (event.kind === 'forced' || event.kind === 'held-open' || event.kind === 'offline') {
      logger.warn(`door ${event.kind}`, { deviceId, detail: event.detail })
    }
    record(forwarded).catch((error: unknown) => logger.error('could not queue event', { error: String(error) }))
  }

  const onPrinterEvent = (deviceId: string, event: PrinterEvent): void => {
    const base = { id: randomUUID(), agentId: options.agentId, deviceId, occurredAt: event.at, category: 'printer' as const }
    const { at: _at, ...rest } = event
    const forwarded: PrinterAgentEvent = { ...base, ...rest }
    if (event.kind === 'printer' && (event.state === 'offline' || event.state === 'media-empty' || event.state === 'stopped')) {
      logger.warn(`printer ${event.state}`, { deviceId, reasons: event.reasons, detail: event.message })
    }
    record(forwarded).catch((error: unknown) => logger.error('could not queue event', { error: String(error) }))
  }

  const devices = await DeviceSet.start({
    devices: options.drivers,
    registry,
    onEvent: onDriverEvent,
    onPrinterEvent,
    logger,
  })
  const access = new LocalAccessControl({
    agentId: options.agentId,
    grants,
    devices,
    credentialKey: options.credentialKey ?? deriveCredentialKey(options.agentSecret),
    record,
    logger,
    now,
    lockout: options.lockout,
  })

  const statusReport = async (): Promise<AgentStatusReport> => ({
    agentId: options.agentId,
    uptimeMs: now() - startedAt,
    queuedEvents: outbox.size,
    grantsVersion: grants.version,
    devices: await devices.health(),
    ...(devices.hasPrinters ? { printers: await devices.printerHealth() } : {}),
  })
  const sendHeartbeat = async (): Promise<void> => {
    if (!link?.up) return
    send({ type: 'heartbeat', sentAt: new Date(now()).toISOString(), ...(await statusReport()) })
  }

  const handleCommand = async (raw: unknown): Promise<void> => {
    const verification = verifyCommand(options.agentSecret, raw, {
      agentId: options.agentId,
      nonces,
      now: now(),
      clockSkewMs: options.clockSkewMs,
    })
    if (!verification.ok) {
      const commandId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null
      logger.warn('command rejected', { reason: verification.reason, commandId, message: verification.message })
      send({ type: 'command-rejected', commandId, reason: verification.reason, message: verification.message })
      return
    }
    const command = verification.command
    logger.info('command accepted', { commandId: command.id, type: command.type })
    const result = await executeCommand(command, { devices, grants, prints, statusReport })
    if (!result.ok) logger.warn('command failed', { commandId: command.id, type: command.type, error: result.error })
    if (!send(result)) logger.warn('command result not delivered (link down); the kernel may retry', { commandId: command.id })
  }

  const onMessage = (message: KernelToAgentMessage): void => {
    switch (message?.type) {
      case 'command':
        handleCommand(message.command).catch((error: unknown) => logger.error('command handling failed', { error: String(error) }))
        return
      case 'ack': {
        const ids = Array.isArray(message.eventIds) ? message.eventIds.filter((id): id is string => typeof id === 'string') : []
        for (const id of ids) sentAt.delete(id)
        outbox.ack(ids).catch((error: unknown) => logger.error('could not record ack', { error: String(error) }))
        return
      }
      default:
        logger.warn('unexpected message from kernel ignored', { type: (message as { type?: unknown })?.type })
    }
  }

  link = new KernelLink({
    url: options.kernelUrl,
    agentId: options.agentId,
    secret: options.agentSecret,
    software: AGENT_SOFTWARE,
    describe: () => ({ devices: devices.announcements(), grantsVersion: grants.version }),
    onMessage,
    onUp: () => {
      sentAt.clear()
      void sendHeartbeat()
      for (const event of outbox.pending()) sendEvent(event)
      for (const listener of [...upListeners]) listener()
    },
    onDown: () => sentAt.clear(),
    backoff: options.reconnect,
    handshakeTimeoutMs: options.handshakeTimeoutMs,
    pingIntervalMs: options.heartbeatIntervalMs,
    logger,
  })

  const resendAfterMs = options.resendAfterMs ?? 30_000
  const heartbeat = setInterval(() => {
    void sendHeartbeat()
    if (!link?.up) return
    const cutoff = now() - resendAfterMs
    for (const event of outbox.pending()) {
      const sent = sentAt.get(event.id)
      if (sent === undefined || sent <= cutoff) sendEvent(event)
    }
  }, options.heartbeatIntervalMs ?? 15_000)

  link.start()

  return {
    agentId: options.agentId,
    get connected() {
      return link?.up ?? false
    },
    get queuedEvents() {
      return outbox.size
    },
    get queuedEventIds() {
      return outbox.pending().map((e) => e.id)
    },
    get grantsVersion() {
      return grants.version
    },
    checkCredential: (request) => access.check(request),
    device: (deviceId) => devices.get(deviceId)?.driver ?? undefined,
    printer: (deviceId) => devices.get(deviceId)?.printer ?? undefined,
    status: statusReport,
    waitUntilConnected: (timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (link?.up) return resolve()
        const timer = setTimeout(() => {
          upListeners.delete(listener)
          reject(new Error(`not connected within ${timeoutMs} ms`))
        }, timeoutMs)
        const listener = (): void => {
          clearTimeout(timer)
          upListeners.delete(listener)
          resolve()
        }
        upListeners.add(listener)
      }),
    close: async () => {
      if (closing) return
      closing = true
      clearInterval(heartbeat)
      await link?.close()
      await devices.close()
      await outbox.flush()
      logger.info('agent stopped')
    },
  }
}
