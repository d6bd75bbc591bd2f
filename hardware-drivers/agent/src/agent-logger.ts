/**
 * The site agent's logging seam. The agent logs what an operator needs at the site: connections, refused commands
 * (with the reason), access decisions, driver failures. It takes any object with `info`/`warn`/`error` methods;
 * the default writes one JSON object per line to stderr, which systemd/journald and Docker collect as is.
 */

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>

/** What the agent logs through. */
export interface AgentLogger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

/**
 * A logger that writes JSON lines (`{ time, level, msg, ...fields }`) to stderr.
 *
 * @param base - fields added to every line, e.g. `{ agentId }`
 * @returns the logger
 */
export function jsonLineLogger(base: LogFields = {}): AgentLogger {
  const write = (level: string, message: string, fields?: LogFields): void => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...base, ...fields })}\n`)
  }
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  }
}
