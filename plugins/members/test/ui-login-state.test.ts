/**
 * The members screens' login view: a person whose login is a pending invitation (`login: 'invited'`) shows
 * "Invitation pending", never the Invite button; Invite is offered only to writers, for an active person with an
 * e-mail and no login.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loginView } from '../ui/login-state.ts'

const person = { anonymised: false, login: 'none', status: 'active', email: 'ada@example.test' } as const

test('a pending invitation shows "Invitation pending" instead of the Invite button', () => {
  assert.equal(loginView({ ...person, login: 'invited' }, true), 'pending')
  assert.equal(loginView({ ...person, login: 'invited' }, false), 'pending', 'readers see it too')
  assert.equal(loginView(person, true), 'invite')
})

test('Invite only for writers, for an active person with an e-mail and no login', () => {
  assert.equal(loginView(person, false), 'none')
  assert.equal(loginView({ ...person, status: 'suspended' }, true), 'none')
  assert.equal(loginView({ ...person, email: null }, true), 'no-email')
  assert.equal(loginView({ ...person, login: 'active' }, true), 'linked')
  assert.equal(loginView({ ...person, anonymised: true, login: 'none', status: 'left' }, true), 'anonymised')
})
