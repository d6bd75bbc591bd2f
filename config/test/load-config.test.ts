import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadConfig, ConfigError } from '../src/index.ts'

test('defaults and the environment file are merged, env vars win', () => {
  const c = loadConfig({ env: { TESSERA_ENV: 'test', PORT: '4100', DATABASE_URL: 'postgres://u@h:1/db', TESSERA_SECRET_STRIPE_KEY: 'sk' } })
  assert.equal(c.env, 'test')
  assert.equal(c.http.port, 4100)
  assert.equal(c.database.url, 'postgres://u@h:1/db')
  assert.equal(c.database.runtimeRole, 'tessera_app')
  assert.equal(c.jobs.pollingIntervalSeconds, 0.5)
  assert.equal(c.secrets.stripe_key, 'sk')
})

test('an invalid value fails fast naming the key and the variable', () => {
  assert.throws(
    () => loadConfig({ env: { PORT: 'eighty', LOG_LEVEL: 'loud' } }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError)
      assert.match(err.message, /\/http\/port must be integer \(set by PORT\)/)
      assert.match(err.message, /\/log\/level .*\(set by LOG_LEVEL\)/)
      return true
    },
  )
})

test('an unknown key in overrides is named', () => {
  assert.throws(() => loadConfig({ env: {}, overrides: { http: { hots: 'x' } as never } }), /\/http\/hots is not a known setting/)
})

test('an unknown environment name is refused', () => {
  assert.throws(() => loadConfig({ env: { TESSERA_ENV: 'staging' } }), /\/env must be one of/)
})

test('DATABASE_PREPARED_STATEMENTS sets database.preparedStatements; anything but true or false is refused', () => {
  assert.equal(loadConfig({ env: {} }).database.preparedStatements, undefined)
  assert.equal(loadConfig({ env: { DATABASE_PREPARED_STATEMENTS: 'false' } }).database.preparedStatements, false)
  assert.equal(loadConfig({ env: { DATABASE_PREPARED_STATEMENTS: ' true ' } }).database.preparedStatements, true)
  assert.throws(() => loadConfig({ env: { DATABASE_PREPARED_STATEMENTS: 'yes' } }), /\/database\/preparedStatements must be boolean \(set by DATABASE_PREPARED_STATEMENTS\)/)
})
