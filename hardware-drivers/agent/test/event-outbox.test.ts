/**
 * The durable event queue on a real file system: order, acks surviving a reopen, compaction, and recovery from a
 * torn last line.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { appendFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AgentEvent } from '@tessera/driver-sdk'
import { EventOutbox } from '../src/index.ts'
import { tempDir } from './test-support.ts'

function event(id: string): AgentEvent {
  return { id, agentId: 'a', deviceId: 'front', occurredAt: new Date(0).toISOString(), category: 'lock', kind: 'opened' }
}

describe('EventOutbox', () => {
  it('keeps unacked events in order across reopen and compacts acked ones away', async () => {
    const { dir, remove } = await tempDir()
    try {
      const outbox = await EventOutbox.open({ dir, compactAfterAcks: 2 })
      for (const id of ['e1', 'e2', 'e3', 'e4']) await outbox.append(event(id))
      assert.equal(await outbox.ack(['e2', 'unknown']), 1)
      const reopened = await EventOutbox.open({ dir, compactAfterAcks: 2 })
      assert.deepEqual(reopened.pending().map((e) => e.id), ['e1', 'e3', 'e4'])
      await reopened.ack(['e1', 'e3'])
      const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trim().split('\n')
      assert.deepEqual(lines.map((l) => JSON.parse(l).id), ['e4'], 'compacted after the threshold')
      assert.equal(await readFile(join(dir, 'events-acked.jsonl'), 'utf8'), '')
      await reopened.ack(['e4'])
      assert.equal((await EventOutbox.open({ dir })).size, 0)
    } finally {
      await remove()
    }
  })

  it('skips a torn last line left by a crash', async () => {
    const { dir, remove } = await tempDir()
    try {
      const outbox = await EventOutbox.open({ dir })
      await outbox.append(event('e1'))
      await appendFile(join(dir, 'events.jsonl'), '{"id":"e2","agentId":"a","dev')
      const recovered = await EventOutbox.open({ dir })
      assert.deepEqual(recovered.pending().map((e) => e.id), ['e1'])
      await recovered.append(event('e3'))
      assert.deepEqual((await EventOutbox.open({ dir })).pending().map((e) => e.id), ['e1', 'e3'])
    } finally {
      await remove()
    }
  })
})
