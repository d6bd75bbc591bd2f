/**
 * Each request's logger (`req.log`), made by Fastify's `childLoggerFactory`: a pino child with the request id, created
 * only when the request writes a line at an enabled level. Fastify would otherwise build a child logger for every
 * request — bindings serialised and run through the redaction paths — even when nothing is logged (a `warn` or
 * `silent` level; ~2–3 % of a read request's CPU, see bench/README.md). A line at an enabled level, `child()`, or a
 * level change creates the real child at once, so what is written (request id and tenant included) is unchanged.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Logger, LevelWithSilent } from 'pino'

type Bindings = Record<string, unknown>
type LogFn = (...args: unknown[]) => void
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const

/** A request logger that becomes a pino child on first use. */
export class RequestLogger {
  readonly #parent: Logger
  #bindings: Bindings
  #child: Logger | undefined

  constructor(parent: Logger, bindings: Bindings) {
    this.#parent = parent
    this.#bindings = bindings
  }

  #logger(): Logger {
    return (this.#child ??= this.#parent.child(this.#bindings))
  }

  #write(level: (typeof LEVELS)[number], args: unknown[]): void {
    if (this.#child) (this.#child[level] as LogFn)(...args)
    else if (this.#parent.isLevelEnabled(level)) (this.#logger()[level] as LogFn)(...args)
  }

  fatal(...args: unknown[]): void { this.#write('fatal', args) }
  error(...args: unknown[]): void { this.#write('error', args) }
  warn(...args: unknown[]): void { this.#write('warn', args) }
  info(...args: unknown[]): void { this.#write('info', args) }
  debug(...args: unknown[]): void { this.#write('debug', args) }
  trace(...args: unknown[]): void { this.#write('trace', args) }
  silent(): void {}

  get level(): string {
    return (this.#child ?? this.#parent).level
  }

  set level(level: string) {
    this.#logger().level = level
  }

  isLevelEnabled(level: LevelWithSilent | string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level)
  }

  child(bindings: Bindings, options?: object): Logger {
    return this.#logger().child(bindings, options)
  }

  bindings(): Bindings {
    return this.#child ? this.#child.bindings() : { ...this.#parent.bindings(), ...this.#bindings }
  }

  setBindings(bindings: Bindings): void {
    if (this.#child) this.#child.setBindings(bindings)
    else this.#bindings = { ...this.#bindings, ...bindings }
  }

  flush(cb?: (err?: Error) => void): void {
    this.#parent.flush(cb)
  }
}

/**
 * Fastify's `childLoggerFactory`: a lazy {@link RequestLogger}, or a plain child when the route sets its own log level
 * or serializers (the parent's level then says nothing about the child's).
 */
export function requestLoggerFactory(this: unknown, logger: FastifyBaseLogger, bindings: Bindings, options: { level?: string; serializers?: object }): FastifyBaseLogger {
  if (options.level || options.serializers) return logger.child(bindings, options as never)
  return new RequestLogger(logger as unknown as Logger, bindings) as unknown as FastifyBaseLogger
}
