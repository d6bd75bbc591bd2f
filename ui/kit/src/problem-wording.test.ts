/**
 * Problems in a person's words (issue 14 item 9): a title that is only an HTTP reason phrase ("Unprocessable Content",
 * "Bad Request") becomes the sentence for its status, a field's pointer loses the request part and an `Id` suffix
 * ("Body › Person id" → "Person"), and a plugin's own title and field wording are kept.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { describeProblem, pointerLabel, problemToText } from './problem.ts'

test('HTTP reason phrases give way to the sentence of their status', () => {
  assert.equal(describeProblem({ title: 'Unprocessable Content', status: 422 }).title, 'Some values are not valid')
  assert.equal(describeProblem({ title: 'Bad Request', status: 400 }).title, 'Some values are not valid')
  assert.equal(describeProblem({ title: 'Conflict', status: 409, detail: 'The room is booked.' }).title, 'This conflicts with the current state')
  assert.equal(describeProblem({ title: 'Forbidden', status: 403 }).title, 'You do not have permission to do this')
  assert.equal(describeProblem({ title: 'Internal Server Error', status: 500 }).title, 'Something went wrong on the server')
  assert.equal(describeProblem({ title: 'Room already booked', status: 409 }).title, 'Room already booked', "a plugin's own title stays")
})

test('field pointers are named as a person would name the field', () => {
  assert.equal(pointerLabel('/body/personId'), 'Person')
  assert.equal(pointerLabel('/body/email'), 'Email')
  assert.equal(pointerLabel('/querystring/resourceId'), 'Resource')
  assert.equal(pointerLabel('/params/id'), 'Id')
  assert.equal(pointerLabel('/body/lines/0/unitPrice'), 'Lines › 1 › Unit price')
  assert.equal(pointerLabel('/config/timezone'), 'Config › Timezone')
  assert.equal(pointerLabel('/bodyWeight'), 'Body weight', 'only a whole first segment is a request part')
})

test('a validation problem reads as a title and one line per field, without schema wording', () => {
  const text = problemToText({
    type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Some values are not valid.',
    errors: [{ pointer: '/body/email', detail: 'must be an e-mail address' }, { pointer: '/body/personId', detail: 'is required' }],
  })
  assert.equal(text, 'Some values are not valid\n• Email: must be an e-mail address\n• Person: is required')
  assert.doesNotMatch(text, /Body|Unprocessable|format/)
})
