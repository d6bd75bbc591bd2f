/**
 * The state of the local Mailchimp fake: audiences (lists) with their members keyed by subscriber hash
 * (`md5(lower(email))`), merge fields, tags, and batches whose operations are applied against the same state.
 */
import { createHash, randomBytes } from 'node:crypto'

/** A contact of an audience as the fake stores it. */
export interface FakeMember {
  id: string
  email_address: string
  status: 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional'
  merge_fields: Record<string, unknown>
  tags: string[]
  last_changed: string
}

/** An audience. */
export interface FakeList {
  id: string
  name: string
  members: Map<string, FakeMember>
  mergeFields: { tag: string; name: string; type: string }[]
  /** Hashes of contacts deleted permanently (they can never be re-imported by the API, as in Mailchimp). */
  deleted: Set<string>
}

/** A batch of operations. */
export interface FakeBatch {
  id: string
  status: 'pending' | 'started' | 'finished'
  total_operations: number
  finished_operations: number
  errored_operations: number
  submitted_at: string
  completed_at: string
  operations: { method: string; path: string; body?: string; operation_id?: string }[]
}

/** The subscriber hash of an e-mail address. */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.toLowerCase()).digest('hex')
}

/** The result of one API call against the state. */
export interface FakeResult {
  status: number
  body?: unknown
}

const problemOf = (status: number, title: string, detail: string): FakeResult => ({
  status, body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: randomBytes(8).toString('hex') },
})

/** The fake's state and the API operations on it (shared by direct calls and batch operations). */
export class FakeAudiences {
  readonly lists = new Map<string, FakeList>()
  readonly batches = new Map<string, FakeBatch>()
  /** Count of API calls by `METHOD /path-pattern`, batch operations excluded. */
  readonly calls = new Map<string, number>()

  /** Adds an audience. */
  addList(name: string): FakeList {
    const list: FakeList = { id: randomBytes(5).toString('hex'), name, members: new Map(), mergeFields: [{ tag: 'FNAME', name: 'First Name', type: 'text' }, { tag: 'LNAME', name: 'Last Name', type: 'text' }], deleted: new Set() }
    this.lists.set(list.id, list)
    return list
  }

  /** The members of `listId` with `status`. */
  membersWith(listId: string, status: FakeMember['status']): FakeMember[] {
    return [...(this.lists.get(listId)?.members.values() ?? [])].filter((m) => m.status === status)
  }

  /** Applies `method path` with a parsed JSON body (path relative to `/3.0`, query string removed). */
  apply(method: string, path: string, body: any, query: URLSearchParams = new URLSearchParams()): FakeResult {
    const seg = path.split('/').filter(Boolean)
    if (seg[0] === 'ping' && method === 'GET') return { status: 200, body: { health_status: "Everything's Chimpy!" } }
    if (seg[0] === 'lists' && seg.length === 1 && method === 'GET') {
      const all = [...this.lists.values()]
      const offset = Number(query.get('offset') ?? 0), count = Number(query.get('count') ?? 10)
      return { status: 200, body: { lists: all.slice(offset, offset + count).map((l) => ({ id: l.id, name: l.name, stats: { member_count: this.membersWith(l.id, 'subscribed').length } })), total_items: all.length } }
    }
    if (seg[0] !== 'lists') return problemOf(404, 'Resource Not Found', `The requested resource could not be found: ${path}`)
    const list = this.lists.get(seg[1] ?? '')
    if (!list) return problemOf(404, 'Resource Not Found', 'The requested resource could not be found.')
    if (seg.length === 2 && method === 'GET') return { status: 200, body: { id: list.id, name: list.name, stats: { member_count: this.membersWith(list.id, 'subscribed').length } } }
    if (seg[2] === 'merge-fields' && seg.length === 3) {
      if (method === 'GET') return { status: 200, body: { merge_fields: list.mergeFields, total_items: list.mergeFields.length } }
      if (method === 'POST') {
        if (list.mergeFields.some((f) => f.tag === body?.tag)) return problemOf(400, 'Invalid Resource', 'A Merge Field with the tag already exists.')
        const f = { tag: String(body?.tag), name: String(body?.name), type: String(body?.type ?? 'text') }
        list.mergeFields.push(f)
        return { status: 200, body: f }
      }
    }
    if (seg[2] !== 'members' || !seg[3]) return problemOf(404, 'Resource Not Found', `No route ${method} ${path}`)
    const hash = seg[3]
    const member = list.members.get(hash)
    if (seg.length === 4) {
      if (method === 'GET') return member ? { status: 200, body: { ...member, list_id: list.id } } : problemOf(404, 'Resource Not Found', 'The requested resource could not be found.')
      if (method === 'PUT' || method === 'PATCH') {
        if (method === 'PATCH' && !member) return problemOf(404, 'Resource Not Found', 'The requested resource could not be found.')
        const email = String(body?.email_address ?? member?.email_address ?? '')
        if (method === 'PUT' && !member && subscriberHash(email) !== hash) return problemOf(400, 'Invalid Resource', 'The subscriber hash does not match the email address.')
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return problemOf(400, 'Invalid Resource', `${email} looks fake or invalid, please enter a real email address.`)
        if (list.deleted.has(subscriberHash(email)) && !member) return problemOf(400, 'Forgotten Email Not Subscribed', `${email} was permanently deleted and cannot be re-imported.`)
        const status = (body?.status ?? (member ? member.status : body?.status_if_new)) as FakeMember['status'] | undefined
        if (!status) return problemOf(400, 'Invalid Resource', 'The resource submitted could not be validated: status is required.')
        if (member?.status === 'cleaned' && status === 'subscribed') return problemOf(400, 'Member In Compliance State', `${email} is cleaned and cannot be resubscribed.`)
        const next: FakeMember = {
          id: subscriberHash(email), email_address: email, status, tags: member?.tags ?? [],
          merge_fields: { ...(member?.merge_fields ?? {}), ...(body?.merge_fields ?? {}) }, last_changed: new Date().toISOString(),
        }
        list.members.delete(hash)
        list.members.set(next.id, next)
        return { status: 200, body: { ...next, list_id: list.id } }
      }
      if (method === 'DELETE') {
        if (!member) return problemOf(404, 'Resource Not Found', 'The requested resource could not be found.')
        member.status = 'unsubscribed'
        return { status: 204 }
      }
    }
    if (seg[4] === 'tags' && method === 'POST') {
      if (!member) return problemOf(404, 'Resource Not Found', 'The requested resource could not be found.')
      for (const t of (body?.tags ?? []) as { name: string; status: string }[]) {
        if (t.status === 'inactive') member.tags = member.tags.filter((x) => x !== t.name)
        else if (!member.tags.includes(t.name)) member.tags.push(t.name)
      }
      return { status: 204 }
    }
    if (seg[4] === 'actions' && seg[5] === 'delete-permanent' && method === 'POST') {
      if (!member) return problemOf(404, 'Resource Not Found', 'The requested resource could not be found.')
      list.members.delete(hash)
      list.deleted.add(hash)
      return { status: 204 }
    }
    return problemOf(404, 'Resource Not Found', `No route ${method} ${path}`)
  }

  /** Records a batch and applies its operations shortly after (as Mailchimp does, asynchronously). */
  startBatch(operations: FakeBatch['operations'], delayMs: number): FakeBatch {
    const batch: FakeBatch = {
      id: randomBytes(5).toString('hex'), status: 'pending', total_operations: operations.length, finished_operations: 0,
      errored_operations: 0, submitted_at: new Date().toISOString(), completed_at: '', operations,
    }
    this.batches.set(batch.id, batch)
    setTimeout(() => {
      batch.status = 'started'
      for (const op of operations) {
        const [p, q] = op.path.split('?')
        const r = this.apply(op.method.toUpperCase(), p, op.body ? JSON.parse(op.body) : undefined, new URLSearchParams(q ?? ''))
        batch.finished_operations++
        if (r.status >= 400) batch.errored_operations++
      }
      batch.status = 'finished'
      batch.completed_at = new Date().toISOString()
    }, delayMs).unref()
    return batch
  }
}
