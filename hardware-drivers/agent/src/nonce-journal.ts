/**
 * Replay protection that survives a restart. An in-memory `NonceStore` would forget every command id when the
 * agent restarts, letting a captured command be replayed within its validity window; the journal appends each
 * accepted id with its keep-until time to `nonces.jsonl` (fsync'ed) and reloads the unexpired ones at start,
 * rewriting the file without the expired ones.
 */
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NonceStore } from '@tessera/driver-sdk'
import type { NonceStoreOptions } from '@tessera/driver-sdk'
import { writeFileAtomic } from './durable-file.ts'

/** A `NonceStore` persisted to the agent's data directory. */
export class NonceJournal extends NonceStore {
  readonly #path: string
  #loading = true

  /**
   * Open the journal, loading unexpired nonces.
   *
   * @param dir - data directory
   * @param options - as for `NonceStore`
   * @returns the store
   */
  static async open(dir: string, options: NonceStoreOptions = {}): Promise<NonceJournal> {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const journal = new NonceJournal(join(dir, 'nonces.jsonl'), options)
    let text = ''
    try {
      text = readFileSync(journal.#path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    for (const line of text.split('\n')) {
      try {
        const [nonce, until] = JSON.parse(line) as [unknown, unknown]
        if (typeof nonce === 'string' && typeof until === 'number') journal.remember(nonce, until)
      } catch {
        // blank or torn line
      }
    }
    journal.#loading = false
    journal.prune()
    await writeFileAtomic(journal.#path, journal.entries().map((e) => `${JSON.stringify(e)}\n`).join(''))
    return journal
  }

  private constructor(path: string, options: NonceStoreOptions) {
    super(options)
    this.#path = path
  }

  /** {@inheritDoc NonceStore.remember} Accepted nonces are written to disk before this returns. */
  override remember(nonce: string, keepUntilMs: number): boolean {
    const fresh = super.remember(nonce, keepUntilMs)
    if (fresh && !this.#loading) {
      const fd = openSync(this.#path, 'a', 0o600)
      try {
        appendFileSync(fd, `${JSON.stringify([nonce, keepUntilMs])}\n`)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    }
    return fresh
  }
}
