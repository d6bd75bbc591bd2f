/**
 * The kernel's pino logger: structured JSON lines at `log.level`, with credentials and secrets redacted wherever they
 * appear (authorization and cookie headers, Set-Cookie, and any `password`, `token`, `secret` or `passwordHash` field).
 */
import { pino } from 'pino'
import type { Logger } from 'pino'

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.passwordHash']

/** Creates the kernel logger. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } })
}
