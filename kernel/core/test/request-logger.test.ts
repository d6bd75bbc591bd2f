/**
 * The per-request logger: no pino child is made for a request that writes nothing at an enabled level, and a line at
 * an enabled level carries the request id and the tenant bound before it, exactly as a child logger's would.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { Logger } from 'pino'
import Fastify from 'fastify'
import type { FastifyBaseLogger } from 'fastify'
import { RequestLogger, installLazyRequestLoggers } from '../src/http/request-logger.ts'

function capture(level: string): { log: Logger; lines: Record<string, unknown>[]; children: () => number } {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done() } })
  const log = pino({ level }, stream)
  let made = 0
  const child = log.child
  log.child = function (this: Logger, ...args: Parameters<Logger['child']>) {
    made++
    return child.apply(this, args)
  } as Logger['child']
  return { log, lines, children: () => made }
}

const flush = () => new Promise((r) => setImmediate(r))

test('below the enabled level nothing is written and no child logger is made', async () => {
  const { log, lines, children } = capture('warn')
  const req = new RequestLogger(log, { reqId: 'r-1' })
  req.setBindings({ tenantId: 't-1' })
  req.info({ req: { url: '/x' } }, 'incoming request')
  req.debug('details')
  assert.equal(req.isLevelEnabled('info'), false)
  await flush()
  assert.equal(lines.length, 0)
  assert.equal(children(), 0)
})

test('a line at an enabled level carries the request id and the bindings set before it', async () => {
  const { log, lines, children } = capture('info')
  const req = new RequestLogger(log, { reqId: 'r-2' })
  req.setBindings({ tenantId: 't-2' })
  req.info({ status: 200 }, 'request completed')
  req.warn('slow')
  assert.equal(children(), 1, 'one child for the request, made on its first line')
  req.child({ part: 'db' }).error('failed')
  await flush()
  assert.deepEqual(lines.map((l) => [l.msg, l.reqId, l.tenantId]), [['request completed', 'r-2', 't-2'], ['slow', 'r-2', 't-2'], ['failed', 'r-2', 't-2']])
  assert.equal(lines[0].status, 200)
  assert.equal(lines[2].part, 'db')
  assert.deepEqual(req.bindings(), { reqId: 'r-2', tenantId: 't-2' })
})

test('installed on an app: its request lines carry the request id, and a child of req.log keeps it', async () => {
  for (const level of ['info', 'warn']) {
    const { log, lines, children } = capture(level)
    const app = Fastify({ loggerInstance: log as unknown as FastifyBaseLogger, genReqId: () => 'req-7' })
    installLazyRequestLoggers(app)
    app.get('/x', async (req) => {
      req.log.child({ step: 'inner' }).warn('inside')
      return { ok: true }
    })
    const before = children()
    assert.equal((await app.inject({ method: 'GET', url: '/x' })).statusCode, 200)
    await app.close()
    await flush()
    const own = lines.filter((l) => l.reqId === 'req-7')
    if (level === 'info') assert.deepEqual(own.map((l) => l.msg), ['incoming request', 'inside', 'request completed'])
    else assert.deepEqual(own.map((l) => l.msg), ['inside'])
    assert.equal(own.find((l) => l.msg === 'inside')?.step, 'inner')
    assert.equal(children() - before, 2, `${level}: the request's child (made for its first line) and the inner one`)
  }
})
