/**
 * Log lines (issue 14 item 8): development prints human-readable lines through pino-pretty when stdout is a terminal
 * or `LOG_FORMAT=pretty` is set (as `scripts/up.sh`, i.e. `pnpm run up`, does outside production); production stays one
 * JSON object a line, with secrets redacted either way.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { loadConfig } from '@tessera/config'
import { createLogger, prettyLogs } from '../src/boot/create-logger.ts'

function capture(format: 'json' | 'pretty'): string {
  const out = new PassThrough()
  let text = ''
  out.on('data', (chunk) => (text += String(chunk)))
  const log = createLogger('info', format, out)
  log.info({ tenantId: 't1', user: { password: 'hunter2' } }, 'booking created')
  log.flush?.()
  return text
}

test('pretty lines read as text, json lines parse; both redact secrets', async () => {
  const json = capture('json')
  await new Promise((r) => setImmediate(r))
  const pretty = capture('pretty')
  await new Promise((r) => setImmediate(r))
  const line = JSON.parse(json.trim())
  assert.equal(line.msg, 'booking created')
  assert.equal(line.user.password, '[redacted]')
  assert.match(pretty, /INFO.*booking created/)
  assert.match(pretty, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: booking created \{"tenantId":"t1"/, "time, level, message, then the fields on the same line")
  assert.doesNotMatch(pretty, /hunter2/)
  assert.throws(() => JSON.parse(pretty.trim()), 'a pretty line is not JSON')
})

test('development is pretty on a terminal, production is JSON, LOG_FORMAT chooses', () => {
  const dev = loadConfig({ env: {} })
  assert.equal(dev.log.format, 'auto')
  assert.equal(prettyLogs(dev.log.format, true), true)
  assert.equal(prettyLogs(dev.log.format, false), false, 'piped into a file or a collector: JSON')
  assert.equal(loadConfig({ env: { TESSERA_ENV: 'production' } }).log.format, 'json')
  assert.equal(prettyLogs(loadConfig({ env: { TESSERA_ENV: 'production' } }).log.format, true), false)
  assert.equal(loadConfig({ env: { LOG_FORMAT: 'pretty' } }).log.format, 'pretty')
  assert.throws(() => loadConfig({ env: { LOG_FORMAT: 'loud' } }), /\/log\/format/)
  const up = readFileSync(join(import.meta.dirname, '..', '..', '..', 'scripts', 'up.sh'), 'utf8')
  assert.match(up, /!= production \]\]; then export LOG_FORMAT="\$\{LOG_FORMAT:-pretty\}"/, 'pnpm run up asks for pretty lines outside production')
})
