/**
 * The kernel's pino logger at `log.level`, with credentials and secrets redacted wherever they appear (authorization and
 * cookie headers, Set-Cookie, and any `password`, `token`, `secret` or `passwordHash` field). `log.format` chooses the
 * lines: `json` (production's, for log shippers), `pretty` (pino-pretty: time, level, message and the fields, one
 * request per line — what `pnpm run up` prints in development), or `auto` (development's default: pretty when stdout is
 * a terminal, else json). Pretty lines are written synchronously, so the last lines before an exit are never lost.
 */
import { pino } from 'pino'
import type { Logger } from 'pino'
import pretty from 'pino-pretty'

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.passwordHash']

/** Whether `format` means pretty lines on this process's stdout. */
export function prettyLogs(format: 'json' | 'pretty' | 'auto' | undefined, stdoutIsTty = Boolean(process.stdout.isTTY)): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTty)
}

/** Creates the kernel logger; `destination` (default stdout) is where pretty lines go. */
export function createLogger(level: string, format?: 'json' | 'pretty' | 'auto', destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } }
  if (!prettyLogs(format)) return destination ? pino(options, destination) : pino(options)
  const colorize = !destination && Boolean(process.stdout.isTTY)
  return pino(options, pretty({ colorize, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true, ...(destination ? { destination } : {}) }))
}
