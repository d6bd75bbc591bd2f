/**
 * The agents connected to *this* kernel instance, and the commands waiting for their answers. One hub per kernel
 * instance (keyed by the plugin context, which the kernel builds once per instance), so two kernels in one process
 * do not share sockets. A command is sent by the instance holding the agent's socket; other instances mark the
 * agent for a grant sync in the database, which the holder picks up at the next heartbeat (see the README).
 */
import { issueCommand } from '@tessera/driver-sdk'
import type { CommandErrorCode, CommandRejectionReason, SignedAgentCommand } from '@tessera/driver-sdk'

/** The part of a `ws` socket the hub uses. */
export interface AgentSocket {
  send(data: string): void
  close(code?: number, reason?: string): void
  terminate(): void
  readonly readyState: number
}

/** One authenticated agent connection. */
export interface AgentConnection {
  agentId: string
  tenantId: string
  /** The agent's shared secret (kept in memory while connected, to sign commands). */
  secret: string
  socket: AgentSocket
  connectedAt: number
  /** Schedules a dispatch of the agent's print work on the connection's ordered chain (see `domain/print-dispatch.ts`). */
  wake?: () => void
}

/** What became of a command. */
export type CommandOutcome =
  | { status: 'ok'; commandId: string; result: unknown }
  | { status: 'failed'; commandId: string; error: { code: CommandErrorCode; message: string } }
  | { status: 'rejected'; commandId: string; reason: CommandRejectionReason; message: string }
  | { status: 'timeout'; commandId: string }
  | { status: 'offline' }

interface Pending {
  resolve(outcome: CommandOutcome): void
  timer: NodeJS.Timeout
  /** The sender records the outcome itself (in its own transaction). */
  recordedBySender: boolean
}

/** Connected agents of one kernel instance. */
export class AgentHub {
  readonly #connections = new Map<string, AgentConnection>()
  readonly #pending = new Map<string, Pending>()

  /** The connection of `agentId`, if it is held here. */
  get(agentId: string): AgentConnection | undefined {
    return this.#connections.get(agentId)
  }

  /** Connected agent ids. */
  ids(): string[] {
    return [...this.#connections.keys()]
  }

  /** Registers a connection; returns the one it replaces (the caller closes it with 4409). */
  attach(connection: AgentConnection): AgentConnection | undefined {
    const old = this.#connections.get(connection.agentId)
    this.#connections.set(connection.agentId, connection)
    return old
  }

  /** Forgets a connection (no-op when a newer one replaced it). Returns whether it was the current one. */
  detach(connection: AgentConnection): boolean {
    if (this.#connections.get(connection.agentId) !== connection) return false
    this.#connections.delete(connection.agentId)
    return true
  }

  /**
   * Signs and sends a command to a connected agent. The outcome settles with the agent's result or rejection, or
   * `timeout` after `timeoutMs`; `offline` at once when the agent is not connected to this instance.
   */
  send(agentId: string, type: string, payload: unknown, options: { timeoutMs: number; ttlMs?: number; recordedBySender?: boolean }): {
    command?: SignedAgentCommand
    outcome: Promise<CommandOutcome>
  } {
    const connection = this.#connections.get(agentId)
    if (!connection || connection.socket.readyState !== 1) return { outcome: Promise.resolve({ status: 'offline' }) }
    const command = issueCommand(connection.secret, { agentId, type, payload, ttlMs: options.ttlMs })
    const outcome = new Promise<CommandOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(command.id)
        resolve({ status: 'timeout', commandId: command.id })
      }, options.timeoutMs)
      timer.unref()
      this.#pending.set(command.id, { resolve, timer, recordedBySender: options.recordedBySender ?? false })
    })
    connection.socket.send(JSON.stringify({ type: 'command', command }))
    return { command, outcome }
  }

  /** Delivers an agent's answer to its waiting sender; returns whether the sender records it itself. */
  answer(commandId: string | null, outcome: CommandOutcome): boolean {
    if (!commandId) return false
    const pending = this.#pending.get(commandId)
    if (!pending) return false
    this.#pending.delete(commandId)
    clearTimeout(pending.timer)
    pending.resolve(outcome)
    return pending.recordedBySender
  }

  /** Closes every connection (kernel shutdown). */
  closeAll(): void {
    for (const c of this.#connections.values()) c.socket.close(1001, 'kernel shutting down')
    this.#connections.clear()
  }
}

const hubs = new WeakMap<object, AgentHub>()

/** The hub of the kernel instance `ctx` (the plugin's context, whatever its config type) belongs to. */
export function agentHubOf(ctx: object): AgentHub {
  let hub = hubs.get(ctx)
  if (!hub) hubs.set(ctx, (hub = new AgentHub()))
  return hub
}
