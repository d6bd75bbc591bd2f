/**
 * Each request's logger (`req.log`): a pino child with the request id, created only when the request writes a line at
 * an enabled level. Fastify would otherwise build a child logger for every request — bindings serialised and run
 * through the redaction paths — even when nothing is logged (a `warn` or `silent` level; ~2–3 % of a read request's
 * CPU, see bench/README.md). A line at an enabled level, `child()`, or a level change creates the real child at once,
 * so what is written (request id and tenant included) is unchanged.
 *
 * Installed on the app's own logger ({@link installLazyRequestLoggers}) rather than as Fastify's `childLoggerFactory`:
 * Fastify validates the logger a custom factory returns on every request, which costs about what the child did.
 */
import type { FastifyInstance } from 'fastify'
import type { Logger, LevelWithSilent } from 'pino'

type Bindings = Record<string, unknown>
type LogFn = (...args: unknown[]) => void
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const

/** A request logger that becomes a pino child on first use. */
export class RequestLogger {
  readonly #parent: Logger
  readonly #makeChild: (bindings: Bindings) => Logger
  #bindings: Bindings
  #child: Logger | undefined

  /** `makeChild` makes the real pino child of `parent` (default: `parent.child`). */
  constructor(parent: Logger, bindings: Bindings, makeChild: (bindings: Bindings) => Logger = (b) => parent.child(b)) {
    this.#parent = parent
    this.#bindings = bindings
    this.#makeChild = makeChild
  }

  #logger(): Logger {
    return (this.#child ??= this.#makeChild(this.#bindings))
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
 * Makes `app.log.child(bindings)` — what Fastify calls for every request — return a lazy {@link RequestLogger}. Calls
 * with options (a route's own level or serializers) and the children of real children stay pino's own.
 */
export function installLazyRequestLoggers(app: FastifyInstance): void {
  const root = app.log as unknown as Logger
  const pinoChild = root.child
  root.child = function (this: Logger, bindings: Bindings, options?: object) {
    if (this !== root || (options && Object.keys(options).length > 0)) return pinoChild.call(this, bindings, options as never)
    return new RequestLogger(root, bindings, (b) => pinoChild.call(root, b) as unknown as Logger) as unknown as Logger
  } as Logger['child']
}
