/**
 * A minimal kernel for the site agent's tests, and a reference for the kernel side of the wire protocol: a real
 * `ws` server on 127.0.0.1 that sends a challenge, verifies the agent's hello proof, answers with its own welcome
 * proof, records every authenticated message, acks events (deduplicating by event id, as the real kernel must),
 * and sends signed commands. Tests can cut the link (`stop()`), restore it on the same port (`start()` again),
 * turn acks off, or misbehave (wrong welcome proof).
 */
import { randomBytes } from 'node:crypto'
import { WebSocketServer, WebSocket } from 'ws'
import { AGENT_CLOSE_CODES, AGENT_PROTOCOL_VERSION, issueCommand, verifyHelloProof, welcomeProof } from '@tessera/driver-sdk'
import type { AgentEvent, AgentToKernelMessage, HelloMessage, PrinterAgentEvent, SignedAgentCommand } from '@tessera/driver-sdk'

/** Options of {@link FakeKernel.start}. */
export interface FakeKernelOptions {
  /** Registered agents and their secrets. */
  agents: Record<string, string>
  /** Ack events as they arrive (default true). */
  autoAck?: boolean
  /** Send a wrong welcome proof (to test that the agent authenticates the kernel). */
  forgeWelcome?: boolean
}

/** A fake kernel endpoint. */
export class FakeKernel {
  /** Authenticated messages, in arrival order. */
  readonly messages: AgentToKernelMessage[] = []
  /** Hellos that passed verification. */
  readonly hellos: HelloMessage[] = []
  /** How many times each event id was delivered. */
  readonly deliveries = new Map<string, number>()
  /** Stored events, deduplicated by id (what the real kernel would persist). */
  readonly stored = new Map<string, AgentEvent>()
  /** Stored printer events (`printer-event` messages), deduplicated by id. */
  readonly printerEvents = new Map<string, PrinterAgentEvent>()
  /** Close codes the kernel used to refuse connections. */
  readonly refusals: number[] = []
  /** Ack events as they arrive; switch off to test redelivery. */
  autoAck: boolean
  /** Answer hellos with a welcome proof made with the wrong secret. */
  forgeWelcome: boolean
  readonly #agents: Record<string, string>
  #port = 0
  #server: WebSocketServer | null = null
  #client: WebSocket | null = null
  readonly #waiters = new Set<() => void>()

  /**
   * Start listening on a free port.
   *
   * @param options - agents, ack behaviour
   * @returns the running kernel
   */
  static async start(options: FakeKernelOptions): Promise<FakeKernel> {
    const kernel = new FakeKernel(options)
    await kernel.listen()
    return kernel
  }

  private constructor(options: FakeKernelOptions) {
    this.#agents = options.agents
    this.autoAck = options.autoAck ?? true
    this.forgeWelcome = options.forgeWelcome ?? false
  }

  /** The URL agents connect to. */
  get url(): string {
    return `ws://127.0.0.1:${this.#port}/agents`
  }

  /** Whether an authenticated agent is connected. */
  get connected(): boolean {
    return this.#client?.readyState === WebSocket.OPEN
  }

  /** (Re)start listening, on the same port after the first time. */
  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port: this.#port })
      server.once('error', reject)
      server.once('listening', () => {
        const address = server.address()
        if (typeof address === 'object' && address) this.#port = address.port
        this.#server = server
        resolve()
      })
      server.on('connection', (socket) => this.#accept(socket))
    })
  }

  /** Cut the link: drop every connection and stop listening (connections are refused until `listen()`). */
  async stop(): Promise<void> {
    const server = this.#server
    this.#server = null
    this.#client = null
    if (!server) return
    for (const socket of server.clients) socket.terminate()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Send a message to the connected agent. */
  send(message: unknown): void {
    if (!this.#client) throw new Error('no agent connected')
    this.#client.send(JSON.stringify(message))
  }

  /** Sign a command with an agent's secret and send it; returns what was sent. */
  command(agentId: string, type: string, payload: unknown, options: { ttlMs?: number; now?: number } = {}): SignedAgentCommand {
    const command = issueCommand(this.#agents[agentId], { agentId, type, payload, ...options })
    this.send({ type: 'command', command })
    return command
  }

  /** Ack event ids explicitly. */
  ack(eventIds: string[]): void {
    this.send({ type: 'ack', eventIds })
  }

  /** Messages of one type. */
  ofType<T extends AgentToKernelMessage['type']>(type: T): Extract<AgentToKernelMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<AgentToKernelMessage, { type: T }> => m.type === type)
  }

  /**
   * Wait until `predicate` holds (checked after every message).
   *
   * @param predicate - condition over the kernel's state
   * @param timeoutMs - default 5000
   * @param what - description for the timeout error
   */
  async until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw new Error(`fake kernel: timed out waiting for ${what}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, Math.min(remaining, 50))
        const waiters = this.#waiters
        function wake(): void {
          clearTimeout(timer)
          waiters.delete(wake)
          resolve()
        }
        waiters.add(wake)
      })
    }
  }

  /**
   * Wait for the command result or rejection answering a command id.
   *
   * @param commandId - the command's id
   * @param options - `after`: ignore messages before this index of `messages` (for a command sent twice)
   */
  async reply(commandId: string, options: { after?: number; timeoutMs?: number } = {}): Promise<AgentToKernelMessage> {
    const timeoutMs = options.timeoutMs ?? 5000
    const find = () =>
      this.messages
        .slice(options.after ?? 0)
        .find((m) => (m.type === 'command-result' || m.type === 'command-rejected') && m.commandId === commandId)
    await this.until(() => find() !== undefined, timeoutMs, `reply to ${commandId}`)
    return find() as AgentToKernelMessage
  }

  #accept(socket: WebSocket): void {
    const challenge = randomBytes(24).toString('base64url')
    let agentId: string | null = null
    socket.send(JSON.stringify({ type: 'challenge', protocol: AGENT_PROTOCOL_VERSION, challenge, serverTime: new Date().toISOString() }))
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as AgentToKernelMessage
      if (agentId === null) {
        const secret = message.type === 'hello' ? this.#agents[message.agentId] : undefined
        if (message.type !== 'hello' || !secret || message.challenge !== challenge || !verifyHelloProof(secret, message)) {
          this.refusals.push(AGENT_CLOSE_CODES.authenticationFailed)
          socket.close(AGENT_CLOSE_CODES.authenticationFailed, 'authentication failed')
          return
        }
        agentId = message.agentId
        this.hellos.push(message)
        this.#client?.close(AGENT_CLOSE_CODES.replaced, 'replaced')
        this.#client = socket
        const proof = this.forgeWelcome
          ? welcomeProof('a-different-secret-entirely', { agentId, challenge, agentChallenge: message.agentChallenge })
          : welcomeProof(secret, { agentId, challenge, agentChallenge: message.agentChallenge })
        socket.send(JSON.stringify({ type: 'welcome', agentId, proof }))
        this.#wake()
        return
      }
      this.messages.push(message)
      if (message.type === 'event') {
        const id = message.event.id
        this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1)
        if (!this.stored.has(id)) this.stored.set(id, message.event)
        if (this.autoAck) socket.send(JSON.stringify({ type: 'ack', eventIds: [id] }))
      }
      if (message.type === 'printer-event') {
        const id = message.event.id
        this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1)
        if (!this.printerEvents.has(id)) this.printerEvents.set(id, message.event)
        if (this.autoAck) socket.send(JSON.stringify({ type: 'ack', eventIds: [id] }))
      }
      this.#wake()
    })
    socket.on('close', () => {
      if (this.#client === socket) this.#client = null
      this.#wake()
    })
  }

  #wake(): void {
    for (const wake of [...this.#waiters]) wake()
  }
}
