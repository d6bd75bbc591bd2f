/**
 * The full sync of an audience by Mailchimp batch operations — the first sync of a newly chosen audience, and "sync
 * now". Phase `members`: every person with recorded consent and an e-mail is upserted by subscriber hash
 * (`PUT /lists/{id}/members/{hash}`, subscribed, merge fields), and every contact this plugin subscribed whose person
 * no longer consents is unsubscribed; phase `tags`: the tags of the subscribed contacts (Mailchimp does not order the
 * operations of a batch, so tags wait for the members to exist). Batches are started with `batches.start` in chunks
 * of {@link BATCH_SIZE}; the `poll-batches` job reads their status every second, stores the progress on the run
 * (shown on the status screen) and moves on when they are finished. People without consent are never sent.
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { Person } from '@tessera/plugin-members/contract'
import type { MailchimpContext } from './mailchimp-config.ts'
import { mailchimpApi } from './mailchimp-client.ts'
import { subscriberHash } from './subscriber-hash.ts'
import { maySubscribe, mergeFields, tagChanges, tagsOf } from './contact-fields.ts'
import { planLookup } from './plan-facts.ts'
import { getSettings, markFirstSynced } from '../store/settings-store.ts'
import type { StoredSettings } from '../store/settings-store.ts'
import { getContact, saveContact, saveSubscribed } from '../store/contact-store.ts'
import { getRun, runningRun, setBatches, startRun, updateRun } from '../store/sync-run-store.ts'

/** Operations per batch. */
export const BATCH_SIZE = 500

type Operation = { method: string; path: string; body?: string; operation_id?: string }

async function everyone(ctx: MailchimpContext): Promise<Person[]> {
  const dir = ctx.services.get(membersDirectory)
  const all: Person[] = []
  for (let after: string | null = null; ;) {
    const page = await dir.listPeople({ limit: 1000, after })
    all.push(...page)
    if (page.length < 1000) return all
    after = page[page.length - 1].id
  }
}

async function startBatches(ctx: MailchimpContext, ops: Operation[]): Promise<string[]> {
  const api = mailchimpApi(ctx.tenant().id, ctx.config())
  const ids: string[] = []
  for (let i = 0; i < ops.length; i += BATCH_SIZE) {
    const chunk = ops.slice(i, i + BATCH_SIZE)
    ids.push((await api.call((sdk) => sdk.batches.start({ operations: chunk }))).id)
  }
  return ids
}

/** Starts a full sync of the chosen audience unless one is running; returns the run id (undefined: no audience). */
export async function startAudienceSync(ctx: MailchimpContext): Promise<string | undefined> {
  const settings = await getSettings(ctx.db)
  const audienceId = settings.audienceId
  if (!audienceId) return undefined
  const running = await runningRun(ctx.db, audienceId)
  if (running) return running.id
  const runId = await startRun(ctx.db, audienceId)
  const ops: Operation[] = []
  let tagOps = 0
  const lookup = planLookup(ctx)
  for (const p of await everyone(ctx)) {
    const contact = await getContact(ctx.db, p.id, audienceId)
    if (maySubscribe(p)) {
      const hash = contact?.subscriberHash ?? subscriberHash(p.email)
      const facts = await lookup(p.id)
      ops.push({ method: 'PUT', path: `/lists/${audienceId}/members/${hash}`, operation_id: p.id,
        body: JSON.stringify({ email_address: p.email, status_if_new: 'subscribed', status: 'subscribed', merge_fields: mergeFields(p, settings.mapping, facts) }) })
      if (tagChanges(contact?.tags ?? [], tagsOf(p, settings.mapping, facts)).length) tagOps++
    } else if (contact?.status === 'subscribed') {
      ops.push({ method: 'PATCH', path: `/lists/${audienceId}/members/${contact.subscriberHash}`, operation_id: p.id, body: JSON.stringify({ status: 'unsubscribed' }) })
      await saveContact(ctx.db, { ...contact, status: 'unsubscribed' })
    }
  }
  if (!ops.length) {
    await updateRun(ctx.db, runId, { finished: 0, errored: 0, status: 'finished' })
    await markFirstSynced(ctx.db, audienceId)
    return runId
  }
  const batchIds = await startBatches(ctx, ops)
  await setBatches(ctx.db, runId, { batchIds, total: ops.length + tagOps, phase: 'members', done: 0, doneErrored: 0 })
  await ctx.jobs.send('poll-batches', { runId }, { startAfter: 1 })
  return runId
}

async function tagOperations(ctx: MailchimpContext, settings: StoredSettings, audienceId: string, people: Person[]): Promise<Operation[]> {
  const ops: Operation[] = []
  const saved: { personId: string; subscriberHash: string; tags: string[] }[] = []
  const lookup = planLookup(ctx)
  for (const p of people) {
    if (!maySubscribe(p)) continue
    const contact = await getContact(ctx.db, p.id, audienceId)
    const hash = contact?.subscriberHash ?? subscriberHash(p.email)
    const tags = tagsOf(p, settings.mapping, await lookup(p.id))
    const changes = tagChanges(contact?.tags ?? [], tags)
    if (changes.length) ops.push({ method: 'POST', path: `/lists/${audienceId}/members/${hash}/tags`, operation_id: p.id, body: JSON.stringify({ tags: changes }) })
    saved.push({ personId: p.id, subscriberHash: hash, tags })
  }
  await saveSubscribed(ctx.db, audienceId, saved)
  return ops
}

/** Reads the run's batches; stores progress; moves to the tags phase or finishes. Returns true when the run is over. */
export async function pollAudienceSync(ctx: MailchimpContext, runId: string): Promise<boolean> {
  const run = await getRun(ctx.db, runId)
  if (!run || run.status !== 'running') return true
  const api = mailchimpApi(ctx.tenant().id, ctx.config())
  let finished = 0, errored = 0, open = 0
  for (const id of run.batchIds) {
    const b = await api.call((sdk) => sdk.batches.status(id))
    finished += b.finished_operations
    errored += b.errored_operations
    if (b.status !== 'finished') open++
  }
  const done = run.doneOperations + finished
  const allErrored = run.doneErrored + errored
  if (open) {
    await updateRun(ctx.db, runId, { finished: done, errored: allErrored })
    await ctx.jobs.send('poll-batches', { runId }, { startAfter: 1 })
    return false
  }
  if (run.phase === 'members') {
    const settings = await getSettings(ctx.db)
    const ops = await tagOperations(ctx, settings, run.audienceId, await everyone(ctx))
    if (ops.length) {
      const batchIds = await startBatches(ctx, ops)
      await setBatches(ctx.db, runId, { batchIds, total: finished + ops.length, phase: 'tags', done: finished, doneErrored: errored })
      await updateRun(ctx.db, runId, { finished, errored })
      await ctx.jobs.send('poll-batches', { runId }, { startAfter: 1 })
      return false
    }
  }
  await updateRun(ctx.db, runId, { finished: done, errored: allErrored, status: 'finished', error: allErrored ? `${allErrored} operations were refused by Mailchimp` : null })
  await markFirstSynced(ctx.db, run.audienceId)
  await ctx.audit.record({ action: 'audience.sync', target: `audience:${run.audienceId}`, data: { operations: done, errored: allErrored } })
  return true
}
