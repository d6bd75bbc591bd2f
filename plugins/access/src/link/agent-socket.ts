/**
 * The kernel end of the site-agent link: `GET /api/v1/access/agents/connect?tenant=<tenantId>` upgraded to a
 * WebSocket. The route is public (an agent has no session); the agent authenticates itself with the protocol's
 * handshake before anything else is read: challenge → hello (HMAC proof with its secret, which is looked up by
 * agent id inside the tenant named in the URL) → welcome (the kernel's own proof). A failure closes with 4401.
 * Afterwards messages of the connection are handled one at a time, in order, each in the tenant's transaction;
 * events are acked only after their transaction has committed. Command answers settle waiting senders at once.
 * Every 2 s the connection checks whether a grant push was requested where this socket is not held, and whether print
 * work is due; print work is also sent right after the handshake and whenever `connection.wake()` is called (the
 * plugin's subscriber to `access.print-jobs.pending`). Printer events are stored like door events (`printer-ingest.ts`).
 */
import { randomBytes } from 'node:crypto'
import { AsyncResource } from 'node:async_hooks'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AGENT_CLOSE_CODES, AGENT_PROTOCOL_VERSION, verifyHelloProof, welcomeProof } from '@tessera/driver-sdk'
import type { AgentToKernelMessage, HelloMessage } from '@tessera/driver-sdk'
import type { Actor } from '@tessera/sdk'
import type { AccessContext } from '../domain/access-config.ts'
import { agentStatusChanged } from '../contract/index.ts'
import { agentSecretBox, markConnected, markDisconnected, wantsSync } from '../store/agents-store.ts'
import { agentHubOf } from './agent-hub.ts'
import type { AgentConnection, AgentSocket, CommandOutcome } from './agent-hub.ts'
import { ingestEvent, ingestHeartbeat, recordAnswer } from './event-ingest.ts'
import { openSecret } from '../domain/secret-box.ts'
import { syncAgent } from '../domain/grant-sync.ts'
import { dispatchPrints, redispatchSeconds } from '../domain/print-dispatch.ts'
import { hasDueWork } from '../store/print-jobs-store.ts'
import { answerPrintCommand, ingestPrinterEvent, ingestPrinterHealth } from './printer-ingest.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HANDSHAKE_TIMEOUT_MS = 10_000
/** How often the instance holding a socket checks whether another instance asked for a grant push. */
const SYNC_POLL_MS = 2_000

interface WsLike extends AgentSocket {
  ping(): void
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): void
  on(event: 'close' | 'error' | 'pong', listener: (...args: unknown[]) => void): void
}

/** Kernel-side liveness: a socket that answered none of the pings of the last interval is dropped (a dead NAT). */
const PING_INTERVAL_MS = 30_000

/** Registers the agent endpoint. */
export function agentSocketRoute(app: FastifyInstance, ctx: AccessContext): void {
  const hub = agentHubOf(ctx)
  app.addHook('onClose', async () => hub.closeAll())
  app.get('/agents/connect', {
    websocket: true,
    config: { public: true },
    schema: { hide: true, querystring: { type: 'object', additionalProperties: false, properties: { tenant: { type: 'string', maxLength: 36 } } } } as never,
  }, ((socket: WsLike, req: FastifyRequest<{ Querystring: { tenant?: string } }>) => handleAgentSocket(ctx, socket, req)) as never)
}

function handleAgentSocket(ctx: AccessContext, socket: WsLike, req: FastifyRequest<{ Querystring: { tenant?: string } }>): void {
  const hub = agentHubOf(ctx)
  const tenantId = req.query?.tenant ?? ''
  const challenge = randomBytes(24).toString('base64url')
  let connection: AgentConnection | null = null
  let handshaking = false
  let chain: Promise<void> = Promise.resolve()
  let poll: NodeJS.Timeout | undefined
  let alive = true
  socket.on('pong', () => { alive = true })
  const pinger = setInterval(() => {
    if (!alive) return socket.terminate()
    alive = false
    try { socket.ping() } catch { /* closing */ }
  }, PING_INTERVAL_MS)
  pinger.unref()
  const refuse = (code: number, why: string) => {
    ctx.log.warn({ tenantId, why }, 'agent connection refused')
    socket.close(code, why)
  }
  const timer = setTimeout(() => { if (!connection) refuse(AGENT_CLOSE_CODES.authenticationFailed, 'handshake timed out') }, HANDSHAKE_TIMEOUT_MS)
  timer.unref()
  socket.send(JSON.stringify({ type: 'challenge', protocol: AGENT_PROTOCOL_VERSION, challenge, serverTime: new Date().toISOString() }))

  const inTenant = <T>(agentId: string, fn: () => Promise<T>) =>
    ctx.withTenant(tenantId, fn, { type: 'agent', id: agentId } satisfies Actor)

  const handshake = async (hello: HelloMessage): Promise<void> => {
    if (hello.protocol !== AGENT_PROTOCOL_VERSION) return refuse(AGENT_CLOSE_CODES.unsupportedProtocol, 'unsupported protocol')
    if (!UUID.test(tenantId) || typeof hello.agentId !== 'string' || !UUID.test(hello.agentId) || hello.challenge !== challenge) {
      return refuse(AGENT_CLOSE_CODES.authenticationFailed, 'authentication failed')
    }
    const agentId = hello.agentId.toLowerCase()
    let secret: string | undefined
    try {
      const row = await inTenant(agentId, () =>
        // FOR SHARE waits for a revocation still in flight, so a revoked agent cannot slip back in before it commits
        agentSecretBox(ctx.db, agentId))
      secret = row ? openSecret(ctx, row, agentId) : undefined
    } catch {
      secret = undefined
    }
    if (!secret || !verifyHelloProof(secret, hello)) return refuse(AGENT_CLOSE_CODES.authenticationFailed, 'authentication failed')
    if (socket.readyState !== 1) return
    clearTimeout(timer)
    connection = { agentId, tenantId, secret, socket, connectedAt: Date.now() }
    // bound to this socket's context: called from a subscriber's tenant scope, the dispatch must not join its transaction
    connection.wake = AsyncResource.bind(() => {
      chain = chain.then(() => inTenant(agentId, () => dispatchPrints(ctx, agentId)).then(() => undefined))
        .catch((err: Error) => ctx.log.warn({ agentId, err: err.message }, 'print dispatch failed'))
    })
    hub.attach(connection)?.socket.close(AGENT_CLOSE_CODES.replaced, 'replaced by a newer connection')
    socket.send(JSON.stringify({ type: 'welcome', agentId: hello.agentId, proof: welcomeProof(secret, { agentId: hello.agentId, challenge, agentChallenge: hello.agentChallenge }) }))
    ctx.log.info({ agentId, tenantId, software: hello.software }, 'agent connected')
    await inTenant(agentId, async () => {
      await markConnected(ctx.db, agentId, {
        software: String(hello.software ?? '').slice(0, 100), devices: Array.isArray(hello.devices) ? hello.devices : [],
        grantsVersion: Number.isSafeInteger(hello.grantsVersion) ? hello.grantsVersion : null,
      })
      await ctx.events.publish(agentStatusChanged, { agentId, connected: true })
      await syncAgent(ctx, agentId)
    })
    // print jobs queued while the agent was away
    await inTenant(agentId, () => dispatchPrints(ctx, agentId))
    // grant pushes requested on another kernel instance (which cannot reach this socket) are picked up here
    const conn = connection
    poll = setInterval(() => {
      chain = chain.then(() => inTenant(conn.agentId, async () => {
        if ((await wantsSync(ctx.db, conn.agentId)) && hub.get(conn.agentId) === conn) await syncAgent(ctx, conn.agentId)
        if (hub.get(conn.agentId) === conn && (await hasDueWork(ctx.db, conn.agentId, redispatchSeconds(ctx)))) conn.wake?.()
      })).catch((err: Error) => ctx.log.warn({ agentId: conn.agentId, err: err.message }, 'grant sync check failed'))
    }, SYNC_POLL_MS)
    poll.unref()
  }

  const handle = async (conn: AgentConnection, message: AgentToKernelMessage): Promise<void> => {
    switch (message.type) {
      case 'event': {
        if (!message.event || typeof message.event.id !== 'string' || !UUID.test(message.event.id)) return
        await inTenant(conn.agentId, () => ingestEvent(ctx, conn.agentId, message.event))
        if (socket.readyState === 1) socket.send(JSON.stringify({ type: 'ack', eventIds: [message.event.id] }))
        return
      }
      case 'printer-event': {
        if (!message.event || typeof message.event.id !== 'string' || !UUID.test(message.event.id)) return
        const due = await inTenant(conn.agentId, () => ingestPrinterEvent(ctx, conn.agentId, message.event))
        if (socket.readyState === 1) socket.send(JSON.stringify({ type: 'ack', eventIds: [message.event.id] }))
        if (due) await inTenant(conn.agentId, () => dispatchPrints(ctx, conn.agentId))
        return
      }
      case 'heartbeat': {
        const wantsSync = await inTenant(conn.agentId, () => ingestHeartbeat(ctx, conn.agentId, message))
        if (wantsSync) await inTenant(conn.agentId, () => syncAgent(ctx, conn.agentId))
        if (message.printers && (await inTenant(conn.agentId, () => ingestPrinterHealth(ctx, conn.agentId, message.printers)))) {
          await inTenant(conn.agentId, () => dispatchPrints(ctx, conn.agentId))
        }
        return
      }
      case 'command-result':
      case 'command-rejected': {
        const outcome = outcomeOf(message)
        await inTenant(conn.agentId, async () => {
          await recordAnswer(ctx, conn.agentId, message.commandId, message.type === 'command-result' ? message.commandType : null, outcome)
          await answerPrintCommand(ctx, conn.agentId, message.commandId, outcome)
        })
        return
      }
      default:
        ctx.log.warn({ agentId: conn.agentId, type: (message as { type?: unknown }).type }, 'unexpected agent message ignored')
    }
  }

  socket.on('message', (data, isBinary) => {
    let message: AgentToKernelMessage
    try {
      message = JSON.parse(isBinary ? '' : data.toString()) as AgentToKernelMessage
      if (!message || typeof message !== 'object') throw new Error('not an object')
    } catch {
      if (!connection) refuse(AGENT_CLOSE_CODES.authenticationFailed, 'malformed message before handshake')
      return
    }
    if (!connection) {
      if (handshaking || message.type !== 'hello') return refuse(AGENT_CLOSE_CODES.authenticationFailed, 'expected hello')
      handshaking = true
      chain = chain.then(() => handshake(message as HelloMessage)).catch((err: Error) => {
        ctx.log.warn({ err: err.message }, 'agent handshake failed')
        refuse(AGENT_CLOSE_CODES.authenticationFailed, 'authentication failed')
      })
      return
    }
    const conn = connection
    // answers settle their waiting sender at once, before the (ordered) database work
    const recordedBySender = (message.type === 'command-result' || message.type === 'command-rejected')
      && hub.answer(message.commandId, outcomeOf(message))
    if (recordedBySender) return
    alive = true
    chain = chain.then(() => handle(conn, message)).catch((err: Error & { status?: number }) => {
      ctx.log.error({ agentId: conn.agentId, err: err.message }, 'agent message not processed')
      // the tenant disabled the plugin (or the tenant is gone): the agent may not stay connected
      if (err.status === 404) socket.close(AGENT_CLOSE_CODES.authenticationFailed, 'not available')
    })
  })

  socket.on('close', () => {
    clearTimeout(timer)
    clearInterval(poll)
    clearInterval(pinger)
    const conn = connection
    if (!conn || !hub.detach(conn)) return
    ctx.log.info({ agentId: conn.agentId }, 'agent disconnected')
    chain = chain.then(() => inTenant(conn.agentId, async () => {
      if (hub.get(conn.agentId)) return
      await markDisconnected(ctx.db, conn.agentId)
      await ctx.events.publish(agentStatusChanged, { agentId: conn.agentId, connected: false })
    })).catch(() => {})
  })
  socket.on('error', () => {})
}

function outcomeOf(message: Extract<AgentToKernelMessage, { type: 'command-result' | 'command-rejected' }>): CommandOutcome {
  if (message.type === 'command-rejected') {
    return { status: 'rejected', commandId: message.commandId ?? '', reason: message.reason, message: String(message.message ?? '') }
  }
  return message.ok
    ? { status: 'ok', commandId: message.commandId, result: message.result }
    : { status: 'failed', commandId: message.commandId, error: message.error }
}
