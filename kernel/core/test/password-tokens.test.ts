/**
 * Set-password links (issue 14, item 5): the kernel issues single-use tokens — stored only as their hash — for an
 * invited user without a password (7 days) and for a password reset (1 hour), and hands the link to the tenant's
 * plugins through `onIdentityMessage` (the kernel sends no e-mail). `POST /auth/password` sets the password once and
 * signs the user in; a used, replaced or expired link is a 410, an unknown one a 400. `POST /auth/password-reset`
 * answers the same 202 for every address (no enumeration), sends at most 3 links an hour per account and is
 * rate-limited per address; a reset ends the user's sessions. A plugin whose hook fails never undoes the invitation
 * (its writes roll back to a savepoint).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { definePlugin } from '@tessera/sdk'
import type { IdentityMessage } from '@tessera/sdk'
import { createTestKernel, waitFor } from '../src/testing/index.ts'
import type { TestKernel } from '../src/testing/index.ts'

const RATE_LIMIT = 40
const delivered: (IdentityMessage & { tenantId: string })[] = []
let brokenCalls = 0

const mailbox = definePlugin({
  id: 'mailbox',
  version: '1.0.0',
  kernel: '^1.0.0',
  permissions: { 'mailbox.invite': { description: 'Invite', roles: ['owner', 'admin'] } },
  routes(app, ctx) {
    app.post('/invite', {
      config: { permission: 'mailbox.invite' },
      schema: {
        body: {
          type: 'object', additionalProperties: false, required: ['email'],
          properties: { email: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 100 } },
        },
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    }, async (req) => {
      const r = await ctx.identity.invite({ email: req.body.email, name: 'Invited Person', role: 'member', password: req.body.password })
      return { status: r.status }
    })
  },
  async onIdentityMessage(ctx, message) {
    delivered.push({ ...message, tenantId: ctx.tenant().id })
  },
})

// a deliverer that always fails after writing: the savepoint undoes it alone, the invitation stands
const broken = definePlugin({
  id: 'broken-mail',
  version: '1.0.0',
  kernel: '^1.0.0',
  migrations: [{ name: '001', up: 'CREATE TABLE attempts (tenant_id uuid NOT NULL, at timestamptz NOT NULL DEFAULT now())' }],
  async onIdentityMessage(ctx) {
    brokenCalls++
    await ctx.db.query('INSERT INTO broken_mail.attempts DEFAULT VALUES')
    throw new Error('mail server on fire')
  },
})

let t: TestKernel
let tenantId: string
let adminCookie: string

before(async () => {
  t = await createTestKernel({
    plugins: [mailbox, broken], workers: false,
    config: { auth: { loginRateLimit: { max: RATE_LIMIT, timeWindowMs: 60_000 } } } as never,
  })
  tenantId = (await t.createTenant()).id
  await t.enable(tenantId, 'mailbox')
  await t.enable(tenantId, 'broken-mail')
  adminCookie = (await t.signIn({ tenantId, role: 'admin' })).cookie
})
after(() => t.close())

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.test`
const tokenOf = (m: IdentityMessage) => new URL(m.link).searchParams.get('token')!
const messageFor = (email: string, kind: IdentityMessage['kind'], after = 0) =>
  waitFor(() => delivered.filter((m) => m.user.email === email && m.kind === kind)[after], { timeoutMs: 10_000, message: `${kind} for ${email}` })
const setPassword = (token: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { token, password } })
const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
const requestReset = (email: string, remoteAddress = '10.7.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, remoteAddress })
const invite = (email: string, password?: string) =>
  t.request({ method: 'POST', url: '/api/v1/mailbox/invite', session: adminCookie, payload: password ? { email, password } : { email } })

test('an invited user without a password gets a 7-day link; it sets the password once, signs them in, and is stored only as a hash', async () => {
  const email = unique('invited')
  const res = await invite(email)
  assert.equal(res.statusCode, 200, res.body)
  const message = await messageFor(email, 'invitation')
  assert.equal(message.tenantId, tenantId, 'delivered in the inviting tenant')
  assert.ok(brokenCalls > 0, 'the failing deliverer was called too')
  const attempts = await t.adminQuery('SELECT count(*)::int AS n FROM broken_mail.attempts')
  assert.equal(attempts.rows[0].n, 0, "the failing deliverer's writes were rolled back to its savepoint; the invitation stands")
  assert.match(message.link, /^http:\/\/[^/]+\/set-password\?token=tsp_/)
  const days = (Date.parse(message.expiresAt) - Date.now()) / 86_400_000
  assert.ok(days > 6.9 && days <= 7, `expires in 7 days (${days})`)
  const token = tokenOf(message)
  const stored = await t.adminQuery('SELECT token_hash, kind FROM tessera.password_tokens WHERE id = $1', [message.id])
  assert.equal(stored.rows[0].kind, 'invitation')
  assert.equal(stored.rows[0].token_hash, createHash('sha256').update(token).digest('hex'))
  const leaked = await t.adminQuery(`SELECT count(*)::int AS n FROM tessera.audit_log WHERE data::text LIKE '%' || $1 || '%'`, [token.slice(4, 24)])
  assert.equal(leaked.rows[0].n, 0, 'the token is in no audit row')

  assert.equal((await login(email, 'a-new-password')).statusCode, 401, 'no password before the link is used')
  const set = await setPassword(token, 'a-new-password')
  assert.equal(set.statusCode, 200, set.body)
  assert.match(String(set.headers['set-cookie']), /tessera_session=/, 'signed in')
  assert.equal(set.json().tenantId, tenantId)
  assert.equal((await login(email, 'a-new-password')).statusCode, 200)

  const again = await setPassword(token, 'another-password')
  assert.equal(again.statusCode, 410)
  assert.match(again.json().detail, /already been used/)
  assert.equal((await login(email, 'another-password')).statusCode, 401)
})

test('an invitation with a password sends no link', async () => {
  const email = unique('with-password')
  const calls = brokenCalls
  assert.equal((await invite(email, 'chosen-password')).statusCode, 200)
  assert.equal((await login(email, 'chosen-password')).statusCode, 200)
  assert.equal(delivered.some((m) => m.user.email === email), false)
  assert.equal(brokenCalls, calls)
})

test('a reset answers the same 202 for known and unknown addresses and sends a 1-hour link that ends the sessions', async () => {
  const user = await t.signIn({ tenantId, role: 'member' })
  const known = await requestReset(user.email)
  const unknown = await requestReset(unique('nobody'))
  assert.equal(known.statusCode, 202)
  assert.equal(unknown.statusCode, 202)
  assert.equal(known.body, unknown.body, 'the same answer')

  const message = await messageFor(user.email, 'password-reset')
  assert.equal(message.tenantId, tenantId, "the user's tenant with a deliverer")
  const minutes = (Date.parse(message.expiresAt) - Date.now()) / 60_000
  assert.ok(minutes > 59 && minutes <= 60, `expires in one hour (${minutes})`)
  assert.equal((await t.request({ method: 'GET', url: '/api/v1/auth/me', session: user.cookie })).statusCode, 200)

  assert.equal((await setPassword(tokenOf(message), 'reset-password')).statusCode, 200)
  await waitFor(async () => (await t.request({ method: 'GET', url: '/api/v1/auth/me', session: user.cookie })).statusCode === 401, { timeoutMs: 5000, message: 'old session ended' })
  assert.equal((await login(user.email, 'password123')).statusCode, 401)
  assert.equal((await login(user.email, 'reset-password')).statusCode, 200)
})

test('a newer reset link replaces the older one; an expired link is a 410; an unknown token or a short password a 400', async () => {
  const user = await t.signIn({ tenantId, role: 'member' })
  await requestReset(user.email)
  const first = await messageFor(user.email, 'password-reset')
  await requestReset(user.email)
  const second = await messageFor(user.email, 'password-reset', 1)
  const replaced = await setPassword(tokenOf(first), 'whatever-password')
  assert.equal(replaced.statusCode, 410)
  assert.match(replaced.json().detail, /newer link/)

  const short = await setPassword(tokenOf(second), 'short')
  assert.equal(short.statusCode, 400)
  assert.match(short.json().detail, /at least 8 characters/)
  assert.equal(short.json().errors[0].pointer, '/password')

  await t.adminQuery(`UPDATE tessera.password_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [second.id])
  const expired = await setPassword(tokenOf(second), 'whatever-password')
  assert.equal(expired.statusCode, 410)
  assert.match(expired.json().detail, /expired/)

  const bogus = await setPassword('tsp_not-a-real-token', 'whatever-password')
  assert.equal(bogus.statusCode, 400)
  assert.match(bogus.json().detail, /not valid/)
  assert.equal((await login(user.email, 'password123')).statusCode, 200, 'nothing changed the password')
})

test('at most 3 reset links an hour per account (the 4th request answers the same and sends nothing); the address is rate-limited', async () => {
  const user = await t.signIn({ tenantId, role: 'member' })
  for (let i = 0; i < 4; i++) assert.equal((await requestReset(user.email, '10.7.1.1')).statusCode, 202)
  await waitFor(async () => (await t.adminQuery(
    `SELECT count(*)::int AS n FROM tessera.audit_log WHERE action = 'auth.password-reset.request' AND target = $1`, [`user:${user.userId}`])).rows[0].n === 4,
  { timeoutMs: 10_000, message: 'four requests handled' })
  const issued = await t.adminQuery(`SELECT count(*)::int AS n FROM tessera.password_tokens WHERE user_id = $1 AND kind = 'password-reset'`, [user.userId])
  assert.equal(issued.rows[0].n, 3)
  assert.equal(delivered.filter((m) => m.user.id === user.userId).length, 3)

  const codes: number[] = []
  for (let i = 0; i < RATE_LIMIT + 1; i++) codes.push((await requestReset(unique('flood'), '10.7.2.1')).statusCode)
  assert.equal(codes.at(-1), 429, 'the address is limited like sign-in')
  assert.equal((await requestReset(unique('other'), '10.7.2.2')).statusCode, 202, 'other addresses are not')
})
