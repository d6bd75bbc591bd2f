/**
 * The agent's durable event queue. Every event the agent forwards (driver events, access decisions) is first
 * appended to `events.jsonl` in the data directory and fsync'ed, then sent; it stays there until the kernel acks
 * its id. Acked ids are appended (fsync'ed) to `events-acked.jsonl`, and the two files are compacted into one
 * when enough acks accumulate. After a crash or a long link outage the agent resends everything not acked, in
 * order. Delivery is therefore at least once; because every event carries a unique id and the kernel stores each
 * id once, the effect is exactly once. A torn last line (power cut mid-append) is skipped on load.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AgentEvent, PrinterAgentEvent } from '@tessera/driver-sdk'

/** What the queue holds: door and access events, and printer events. */
export type QueuedEvent = AgentEvent | PrinterAgentEvent
import { appendDurably, writeFileAtomic } from './durable-file.ts'

/** Options of {@link EventOutbox.open}. */
export interface EventOutboxOptions {
  /** Directory holding the queue files (created if missing). */
  dir: string
  /** Compact the files once this many acks have accumulated (default 500). */
  compactAfterAcks?: number
}

/** Durable FIFO of events awaiting an ack. */
export class EventOutbox {
  readonly #eventsPath: string
  readonly #acksPath: string
  readonly #compactAfterAcks: number
  readonly #pending = new Map<string, QueuedEvent>()
  #acksSinceCompaction = 0
  #chain: Promise<unknown> = Promise.resolve()

  /**
   * Open (and recover) the queue in a directory.
   *
   * @param options - directory and compaction threshold
   * @returns the queue, holding every event not yet acked
   */
  static async open(options: EventOutboxOptions): Promise<EventOutbox> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 })
    const outbox = new EventOutbox(options)
    await outbox.#load()
    return outbox
  }

  private constructor(options: EventOutboxOptions) {
    this.#eventsPath = join(options.dir, 'events.jsonl')
    this.#acksPath = join(options.dir, 'events-acked.jsonl')
    this.#compactAfterAcks = options.compactAfterAcks ?? 500
  }

  /** Number of events awaiting an ack. */
  get size(): number {
    return this.#pending.size
  }

  /** Events awaiting an ack, oldest first. */
  pending(): QueuedEvent[] {
    return [...this.#pending.values()]
  }

  /**
   * Add an event; resolves once it is on disk.
   *
   * @param event - the event (its `id` must be unique)
   */
  append(event: QueuedEvent): Promise<void> {
    return this.#serial(async () => {
      await appendDurably(this.#eventsPath, `${JSON.stringify(event)}\n`)
      this.#pending.set(event.id, event)
    })
  }

  /**
   * Forget acked events. Unknown ids (already acked, or from another agent) are ignored.
   *
   * @param ids - acked event ids
   * @returns how many pending events were removed
   */
  ack(ids: readonly string[]): Promise<number> {
    return this.#serial(async () => {
      const known = ids.filter((id) => this.#pending.has(id))
      if (known.length === 0) return 0
      await appendDurably(this.#acksPath, known.map((id) => `${JSON.stringify(id)}\n`).join(''))
      for (const id of known) this.#pending.delete(id)
      this.#acksSinceCompaction += known.length
      if (this.#pending.size === 0 || this.#acksSinceCompaction >= this.#compactAfterAcks) await this.#compact()
      return known.length
    })
  }

  /** Wait for pending disk writes. */
  async flush(): Promise<void> {
    await this.#serial(async () => {})
  }

  async #load(): Promise<void> {
    const acked = new Set(parseLines(await readOptional(this.#acksPath)).filter((x): x is string => typeof x === 'string'))
    const text = await readOptional(this.#eventsPath)
    for (const value of parseLines(text)) {
      const event = value as QueuedEvent | null
      if (event && typeof event === 'object' && typeof event.id === 'string' && !acked.has(event.id)) {
        this.#pending.set(event.id, event)
      }
    }
    this.#acksSinceCompaction = acked.size
    // rewrite after acks, and after a crash mid-append so the next append does not continue the torn line
    const torn = text !== '' && !text.endsWith('\n')
    if (acked.size > 0 || torn) await this.#compact()
  }

  async #compact(): Promise<void> {
    const lines = [...this.#pending.values()].map((e) => `${JSON.stringify(e)}\n`).join('')
    await writeFileAtomic(this.#eventsPath, lines)
    await writeFileAtomic(this.#acksPath, '')
    this.#acksSinceCompaction = 0
  }

  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(operation, operation)
    this.#chain = result.catch(() => {})
    return result
  }
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  }
}

function parseLines(text: string): unknown[] {
  const values: unknown[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      values.push(JSON.parse(line))
    } catch {
      // a torn line from a crash mid-append: the event was never acknowledged as stored, skip it
    }
  }
  return values
}
