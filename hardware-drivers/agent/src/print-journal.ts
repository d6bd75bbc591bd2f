/**
 * Print-once across restarts. A printer driver remembers request ids only while it runs; a kernel that retries a
 * `print` command (new command id, same request id) after the agent restarted would print the badge twice. The
 * journal appends every accepted print — device, request id and the driver's result — to `prints.jsonl` in the
 * data directory (fsync'ed) before the command is answered, and a `print` whose request id is in the journal is
 * answered from it without touching the printer. Refused prints are not journaled, so they can be retried.
 * Entries older than `keepMs` (default 30 days) are dropped when the journal is opened.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { PrintResult } from '@tessera/driver-sdk'
import { appendDurably, writeFileAtomic } from './durable-file.ts'

type Accepted = Extract<PrintResult, { ok: true }>

interface Entry {
  deviceId: string
  requestId: string
  result: Accepted
  at: number
}

/** Accepted prints by device and request id, on disk. */
export class PrintJournal {
  readonly #path: string
  readonly #entries = new Map<string, Entry>()

  /**
   * Open the journal, dropping entries older than `keepMs`.
   *
   * @param dir - data directory
   * @param options - retention and clock
   * @returns the journal
   */
  static async open(dir: string, options: { keepMs?: number; now?: number } = {}): Promise<PrintJournal> {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const journal = new PrintJournal(join(dir, 'prints.jsonl'))
    let text = ''
    try {
      text = await readFile(journal.#path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const cutoff = (options.now ?? Date.now()) - (options.keepMs ?? 30 * 86_400_000)
    for (const line of text.split('\n')) {
      try {
        const entry = JSON.parse(line) as Entry
        if (typeof entry?.deviceId === 'string' && typeof entry.requestId === 'string' && entry.result?.ok === true && entry.at >= cutoff) {
          journal.#entries.set(key(entry.deviceId, entry.requestId), entry)
        }
      } catch {
        // blank or torn line
      }
    }
    await writeFileAtomic(journal.#path, [...journal.#entries.values()].map((e) => `${JSON.stringify(e)}\n`).join(''))
    return journal
  }

  private constructor(path: string) {
    this.#path = path
  }

  /** The journaled result for a request id on a device, if it was printed before. */
  get(deviceId: string, requestId: string): Accepted | undefined {
    return this.#entries.get(key(deviceId, requestId))?.result
  }

  /**
   * Record an accepted print (durably, before the caller answers the kernel). Recording an id twice keeps the first.
   *
   * @param deviceId - the printer
   * @param result - the driver's accepted result
   */
  async record(deviceId: string, result: Accepted): Promise<void> {
    const k = key(deviceId, result.requestId)
    if (this.#entries.has(k)) return
    const entry: Entry = { deviceId, requestId: result.requestId, result, at: Date.now() }
    this.#entries.set(k, entry)
    await appendDurably(this.#path, `${JSON.stringify(entry)}\n`)
  }
}

function key(deviceId: string, requestId: string): string {
  return `${deviceId}\n${requestId}`
}
