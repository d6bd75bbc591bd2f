/**
 * A server under test in its own Node process, so that its CPU time is its own: no load generator, no other server,
 * no set-up code and no garbage left by another variant share its event loop or its GC. The benchmark starts it with
 * `startServerProcess` (an IPC channel to the child); the child calls `serveStats(httpServer)` once it listens, and
 * from then on answers `stats()` with its `process.cpuUsage()`, the requests its HTTP server has received and the
 * `pg` queries it has issued — the benchmark takes the deltas over a measured window, so CPU per request is
 * measured by the server process itself.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import type { Server } from 'node:http'
import { countRoundTrips } from '@tessera/kernel/testing'

/** Counters of a server process at one instant. */
export interface ServerStats {
  /** `process.cpuUsage()` user + system, µs. */
  cpuUs: number
  /** Requests received by its HTTP server. */
  requests: number
  /** Calls of `pg.Client#query` (database round trips; a multi-statement string counts once). */
  queries: number
}

/** The benchmark's handle on a server process. */
export interface ServerProcess {
  url: string
  pid: number
  stats(): Promise<ServerStats>
  close(): Promise<void>
}

type Message = { type: 'ready'; url: string } | ({ type: 'stats' } & ServerStats)

/**
 * Starts `script` with `args` and waits until it reports that it listens. `wrapper` runs Node under another program
 * (`['valgrind', '--tool=callgrind', …]`: the IPC channel passes through, valgrind runs Node in its own process).
 */
export function startServerProcess(script: string, args: string[], wrapper: string[] = []): Promise<ServerProcess> {
  const [command, ...prefix] = [...wrapper, process.execPath]
  const child: ChildProcess = spawn(command, [...prefix, script, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const waiting: ((s: ServerStats) => void)[] = []
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server ${script} exited with ${code} before it listened`))
    child.once('exit', onExit)
    child.on('message', (msg: Message) => {
      if (msg.type === 'stats') waiting.shift()?.({ cpuUs: msg.cpuUs, requests: msg.requests, queries: msg.queries })
      else if (msg.type === 'ready') {
        child.off('exit', onExit)
        resolve({
          url: msg.url, pid: child.pid!,
          stats: () => new Promise((r) => {
            waiting.push(r)
            child.send({ type: 'stats' })
          }),
          close: () => new Promise((r) => {
            if (child.exitCode !== null || child.signalCode !== null) return r()
            child.once('exit', () => r())
            child.send({ type: 'close' })
          }),
        })
      }
    })
  })
}

/**
 * In the server process: counts the requests of `server` and the `pg` queries of this process, reports `url` to
 * the parent and answers its `stats`/`close` messages (`close` runs `onClose`, then exits).
 */
export function serveStats(server: Server, url: string, onClose: () => Promise<void>): void {
  let requests = 0
  const queries = countRoundTrips()
  server.on('request', () => void requests++)
  let closing: Promise<void> | undefined
  const close = () => (closing ??= onClose().finally(() => process.exit(0)))
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'stats') {
      const cpu = process.cpuUsage()
      process.send!({ type: 'stats', cpuUs: cpu.user + cpu.system, requests, queries: queries.count() })
    } else if (msg.type === 'close') {
      void close()
    }
  })
  // the parent went away (a failed run): do not linger
  process.on('disconnect', () => void close())
  process.send!({ type: 'ready', url })
}
