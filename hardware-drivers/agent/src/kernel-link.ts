/**
 * The agent's connection to the kernel: an outbound WebSocket (nothing listens at the site), the challenge/hello/
 * welcome handshake (mutual HMAC proofs, see the README's wire protocol), a ping every heartbeat interval that
 * terminates a connection after two unanswered pings (a dead NAT mapping otherwise looks alive for hours), and
 * reconnection with exponential backoff. Until `welcome` has been verified nothing but the handshake is sent or
 * accepted. The link knows nothing about commands or events: it hands authenticated messages to `onMessage`.
 */
import { randomBytes } from 'node:crypto'
import { WebSocket } from 'ws'
import { AGENT_CLOSE_CODES, AGENT_PROTOCOL_VERSION, helloProof, verifyWelcomeProof } from '@tessera/driver-sdk'
import type { AgentToKernelMessage, DeviceAnnouncement, HelloMessage, HmacSecret, KernelToAgentMessage } from '@tessera/driver-sdk'
import type { AgentLogger } from './agent-logger.ts'
import { reconnectDelay } from './reconnect-backoff.ts'
import type { ReconnectBackoffOptions } from './reconnect-backoff.ts'

/** Options of {@link KernelLink}. */
export interface KernelLinkOptions {
  url: string
  agentId: string
  secret: HmacSecret
  /** Software string sent in `hello`. */
  software: string
  /** Called at each handshake for the current device list and grant version. */
  describe: () => { devices: DeviceAnnouncement[]; grantsVersion: number | null }
  /** Authenticated kernel messages (`command`, `ack`). */
  onMessage: (message: KernelToAgentMessage) => void
  /** The link is authenticated and usable. */
  onUp: () => void
  /** The link went down (it will reconnect unless closed). */
  onDown: () => void
  backoff?: ReconnectBackoffOptions
  /** Time allowed for the WebSocket upgrade and for the challenge/welcome exchange (ms, default 10 000). */
  handshakeTimeoutMs?: number
  /** Ping interval; a connection whose last two pings got no pong is terminated (ms, default 15 000). */
  pingIntervalMs?: number
  /** Largest accepted message (bytes, default 16 MiB: grant sets can be large). */
  maxPayloadBytes?: number
  logger: AgentLogger
}

/** Outbound, authenticated, self-reconnecting WebSocket to the kernel. */
export class KernelLink {
  readonly #options: KernelLinkOptions
  #socket: WebSocket | null = null
  #up = false
  #closed = false
  #attempt = 0
  #reconnectTimer: NodeJS.Timeout | null = null
  #pingTimer: NodeJS.Timeout | null = null

  /** @param options - endpoint, identity, callbacks and timings */
  constructor(options: KernelLinkOptions) {
    this.#options = options
  }

  /** Whether the link is authenticated and open. */
  get up(): boolean {
    return this.#up
  }

  /** Start connecting (and keep reconnecting until `close()`). */
  start(): void {
    if (!this.#closed && !this.#socket && !this.#reconnectTimer) this.#connect()
  }

  /**
   * Send a message if the link is up.
   *
   * @param message - any agent → kernel message except `hello`
   * @returns whether it was handed to the socket
   */
  send(message: AgentToKernelMessage): boolean {
    if (!this.#up || !this.#socket || this.#socket.readyState !== WebSocket.OPEN) return false
    this.#socket.send(JSON.stringify(message))
    return true
  }

  /** Drop the current connection (it reconnects after backoff), e.g. when the kernel misbehaves. */
  drop(code = 1000, reason = ''): void {
    this.#socket?.close(code, reason)
  }

  /** Close for good. */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer)
    this.#reconnectTimer = null
    const socket = this.#socket
    if (!socket) return
    await new Promise<void>((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) return resolve()
      const timer = setTimeout(() => {
        socket.terminate()
        resolve()
      }, 1000)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate()
      else socket.close(1000, 'agent shutting down')
    })
  }

  #connect(): void {
    const o = this.#options
    const timeoutMs = o.handshakeTimeoutMs ?? 10_000
    const socket = new WebSocket(o.url, { handshakeTimeout: timeoutMs, maxPayload: o.maxPayloadBytes ?? 16 * 1024 * 1024 })
    this.#socket = socket
    let challenge: string | null = null
    let agentChallenge: string | null = null
    const handshakeTimer = setTimeout(() => {
      o.logger.warn('kernel handshake timed out', { url: o.url })
      socket.terminate()
    }, timeoutMs)

    socket.on('message', (data, isBinary) => {
      let message: KernelToAgentMessage
      try {
        message = JSON.parse(isBinary ? '' : data.toString()) as KernelToAgentMessage
      } catch {
        o.logger.warn('unparseable message from kernel dropped')
        return
      }
      if (this.#up) {
        o.onMessage(message)
        return
      }
      if (message?.type === 'challenge' && challenge === null) {
        if (message.protocol !== AGENT_PROTOCOL_VERSION || typeof message.challenge !== 'string') {
          o.logger.error('kernel speaks an unsupported protocol', { protocol: message.protocol })
          socket.close(AGENT_CLOSE_CODES.unsupportedProtocol, 'unsupported protocol')
          return
        }
        challenge = message.challenge
        agentChallenge = randomBytes(24).toString('base64url')
        const sentAt = new Date().toISOString()
        const hello: HelloMessage = {
          type: 'hello',
          protocol: AGENT_PROTOCOL_VERSION,
          agentId: o.agentId,
          challenge,
          agentChallenge,
          sentAt,
          proof: helloProof(o.secret, { agentId: o.agentId, challenge, agentChallenge, sentAt }),
          software: o.software,
          ...o.describe(),
        }
        socket.send(JSON.stringify(hello))
        return
      }
      if (message?.type === 'welcome' && challenge !== null && agentChallenge !== null) {
        const fields = { agentId: o.agentId, challenge, agentChallenge }
        if (message.agentId !== o.agentId || !verifyWelcomeProof(o.secret, fields, message.proof)) {
          o.logger.error('kernel failed authentication (bad welcome proof); disconnecting', { url: o.url })
          socket.close(AGENT_CLOSE_CODES.authenticationFailed, 'bad welcome proof')
          return
        }
        clearTimeout(handshakeTimer)
        this.#up = true
        this.#attempt = 0
        this.#startPing(socket)
        o.logger.info('connected to kernel', { url: o.url })
        o.onUp()
        return
      }
      o.logger.warn('unexpected message during handshake; disconnecting', { type: (message as { type?: unknown })?.type })
      socket.close(AGENT_CLOSE_CODES.authenticationFailed, 'handshake violation')
    })

    socket.on('error', (error) => {
      o.logger.warn('kernel link error', { url: o.url, error: error.message })
    })

    socket.on('close', (code, reason) => {
      clearTimeout(handshakeTimer)
      this.#stopPing()
      const wasUp = this.#up
      this.#up = false
      if (this.#socket === socket) this.#socket = null
      if (wasUp) {
        o.logger.warn('disconnected from kernel', { code, reason: reason.toString() })
        o.onDown()
      }
      if (code === AGENT_CLOSE_CODES.authenticationFailed) {
        o.logger.error('kernel refused authentication; check agentId and agentSecret', { code })
      }
      this.#scheduleReconnect()
    })
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return
    const delay = reconnectDelay(this.#attempt, this.#options.backoff)
    this.#attempt += 1
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null
      if (!this.#closed) this.#connect()
    }, delay)
  }

  #startPing(socket: WebSocket): void {
    let unanswered = 0
    socket.on('pong', () => {
      unanswered = 0
    })
    this.#pingTimer = setInterval(() => {
      if (unanswered >= 2) {
        this.#options.logger.warn('kernel did not answer two pings; reconnecting')
        socket.terminate()
        return
      }
      unanswered += 1
      socket.ping()
    }, this.#options.pingIntervalMs ?? 15_000)
  }

  #stopPing(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer)
    this.#pingTimer = null
  }
}
