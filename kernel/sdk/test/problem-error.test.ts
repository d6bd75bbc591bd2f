/**
 * A client error (4xx) is made without a stack trace — it is an answer, and collecting the frames was a measurable
 * part of a refused request's JavaScript — while a server error (5xx) keeps its frames for the log; making either
 * leaves `Error.stackTraceLimit` as it was.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { problem, ProblemError } from '@tessera/sdk'

const frames = (e: Error) => (e.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).length

test('a 4xx problem has no stack frames, a 5xx one has them, and the stack trace limit is unchanged', () => {
  const limit = Error.stackTraceLimit
  const conflict = problem.conflict('The resource is already booked at that time.')
  assert.equal(conflict.status, 409)
  assert.equal(frames(conflict), 0)
  assert.match(conflict.stack ?? '', /The resource is already booked/)
  assert.equal(Error.stackTraceLimit, limit)
  const failure = new ProblemError(503, 'Service Unavailable', { detail: 'Try again.' })
  assert.ok(frames(failure) > 0, failure.stack)
  assert.equal(Error.stackTraceLimit, limit)
  assert.ok(frames(new Error('plain')) > 0, 'other errors keep their frames')
})
