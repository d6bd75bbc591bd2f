/**
 * A stateful PaperCut fake: a real XML-RPC server (`xmlrpc.createServer`) at `/rpc/api/xmlrpc` that behaves like a
 * strict PaperCut server — the auth token is the first argument of every call and is checked; the argument TYPES are
 * checked (an amount must be a `<double>`: an `<int>` is refused with a fault, as a strict server does); it keeps
 * users, their properties, balances, adjustments and print usage. `stop()`/`start()` take it down and back up on the
 * same port (PaperCut unreachable), `printJob()` simulates printing.
 */
import { Readable } from 'node:stream'
import type { IncomingMessage, ServerResponse } from 'node:http'
import xmlrpc from 'xmlrpc'

/** A user of the fake. @public */
export interface FakeUser {
  username: string
  password: string
  fullName: string
  email: string
  cardId: string
  pin: string
  balance: number
  pages: number
  colourPages: number
  properties: Map<string, string>
}

/** One balance adjustment as the fake received it (`type` is the XML-RPC type of the amount). @public */
export interface FakeAdjustment {
  username: string
  amount: number
  type: string
  comment: string
  account: string
}

/** The fake, running. @public */
export interface PaperCutFake {
  url: string
  port: number
  token: string
  users: Map<string, FakeUser>
  adjustments: FakeAdjustment[]
  /** Every call, in order: method name and argument types. */
  calls: { method: string; types: string[] }[]
  /** Simulates printing: counts pages and takes their cost off the balance. */
  printJob(username: string, job: { pages: number; colourPages?: number; cost?: number }): void
  /** Takes the server down (connections refused) until `start()`. */
  stop(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

type Fault = { faultCode: number; faultString: string }
const fault = (faultString: string, faultCode = 1): Fault => ({ faultCode, faultString })

/** The XML-RPC type tag of each top-level param of a `<methodCall>` (no tag: `string`). */
function paramTypes(xml: string): string[] {
  const params = /<params>([\s\S]*)<\/params>/.exec(xml)?.[1] ?? ''
  return [...params.matchAll(/<param>\s*<value>\s*(?:<([a-zA-Z0-9.]+)\s*\/?>)?/g)].map((m) => m[1] ?? 'string')
}

/** Expected types of each method's arguments after the token. */
const SIGNATURES: Record<string, string[][]> = {
  'api.isUserExists': [['string']],
  'api.addNewInternalUser': [['string', 'string', 'string', 'string', 'string', 'string']],
  'api.setUserProperty': [['string', 'string', 'string']],
  'api.setUserProperties': [['string', 'array']],
  'api.getUserProperty': [['string', 'string']],
  'api.getUserAccountBalance': [['string'], ['string', 'string']],
  'api.adjustUserAccountBalance': [['string', 'double', 'string'], ['string', 'double', 'string', 'string']],
}

const READABLE: Record<string, (u: FakeUser) => string> = {
  'full-name': (u) => u.fullName,
  email: (u) => u.email,
  'primary-card-number': (u) => u.cardId,
  balance: (u) => u.balance.toFixed(2),
  'print-stats.page-count': (u) => String(u.pages),
  'print-stats.color-page-count': (u) => String(u.colourPages),
  'disabled-print': (u) => u.properties.get('disabled-print') ?? 'FALSE',
}

/** Starts the fake on a free port (or `port`) with `token` as the server's auth token. @public */
export async function startPaperCutFake(options: { token?: string; port?: number } = {}): Promise<PaperCutFake> {
  const token = options.token ?? 'papercut-test-token'
  const users = new Map<string, FakeUser>()
  const adjustments: FakeAdjustment[] = []
  const calls: { method: string; types: string[] }[] = []
  let port = options.port ?? 0
  let server: xmlrpc.Server | undefined

  const methods: Record<string, (args: unknown[], types: string[]) => unknown> = {
    'api.isUserExists': ([u]) => users.has(String(u)),
    'api.addNewInternalUser': ([username, password, fullName, email, cardId, pin]) => {
      const name = String(username)
      if (users.has(name)) throw fault(`The user "${name}" already exists.`)
      users.set(name, {
        username: name, password: String(password), fullName: String(fullName), email: String(email), cardId: String(cardId), pin: String(pin),
        balance: 0, pages: 0, colourPages: 0, properties: new Map(),
      })
      return true
    },
    'api.setUserProperty': ([u, name, value]) => { setProperty(user(u), String(name), String(value)); return true },
    'api.setUserProperties': ([u, pairs]) => {
      const target = user(u)
      for (const pair of pairs as unknown[][]) setProperty(target, String(pair[0]), String(pair[1]))
      return true
    },
    'api.getUserProperty': ([u, name]) => {
      const target = user(u)
      const read = READABLE[String(name)]
      return read ? read(target) : (target.properties.get(String(name)) ?? '')
    },
    'api.getUserAccountBalance': ([u]) => new xmlrpcDouble(user(u).balance),
    'api.adjustUserAccountBalance': ([u, amount, comment, account], types) => {
      const target = user(u)
      target.balance = Math.round((target.balance + Number(amount)) * 100) / 100
      adjustments.push({ username: target.username, amount: Number(amount), type: types[2] ?? '?', comment: String(comment), account: String(account ?? '') })
      return true
    },
  }

  function user(u: unknown): FakeUser {
    const found = users.get(String(u))
    if (!found) throw fault(`The user "${String(u)}" does not exist.`)
    return found
  }
  function setProperty(u: FakeUser, name: string, value: string): void {
    if (name === 'full-name') u.fullName = value
    else if (name === 'email') u.email = value
    else if (name === 'primary-card-number') u.cardId = value
    else if (name === 'disabled-print') {
      if (value !== 'TRUE' && value !== 'FALSE') throw fault(`Invalid value for disabled-print: ${value}`)
      u.properties.set(name, value)
    } else u.properties.set(name, value)
  }

  // the xmlrpc server hands a method only its params: requests are taken one at a time (as a strict single-threaded
  // check would), so the types read from the raw XML belong to the call being handled
  let currentTypes: string[] = []
  const queue: { body: string; res: ServerResponse }[] = []
  let busy = false
  let original: ((req: IncomingMessage, res: ServerResponse) => void) | undefined
  const next = () => {
    const item = queue.shift()
    if (!item) { busy = false; return }
    busy = true
    currentTypes = paramTypes(item.body)
    item.res.once('close', next)
    const stream = Readable.from([Buffer.from(item.body)]) as unknown as IncomingMessage
    original!(stream, item.res)
  }

  function listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = xmlrpc.createServer({ host: '127.0.0.1', port, path: '/rpc/api/xmlrpc' }, () => {
        const address = s.httpServer.address()
        if (address && typeof address === 'object') port = address.port
        resolve()
      })
      s.httpServer.once('error', reject)
      original = s.httpServer.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void
      s.httpServer.removeAllListeners('request')
      s.httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.url !== '/rpc/api/xmlrpc' || req.method !== 'POST') { res.writeHead(404); res.end(); return }
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          queue.push({ body: Buffer.concat(chunks).toString('utf8'), res })
          if (!busy) next()
        })
      })
      for (const [name, impl] of Object.entries(methods)) {
        s.on(name, (_err: unknown, params: unknown[], callback: (error: unknown, value: unknown) => void) => {
          const types = currentTypes
          calls.push({ method: name, types })
          try {
            if (params[0] !== token || types[0] !== 'string') throw fault('Authentication failed: the auth token is not valid.', 401)
            const args = params.slice(1)
            const argTypes = types.slice(1)
            const ok = SIGNATURES[name]!.some((sig) => sig.length === argTypes.length && sig.every((t, i) => t === argTypes[i] || (t === 'string' && argTypes[i] === 'string')))
            if (!ok) throw fault(`Invalid argument types for ${name}: (${argTypes.join(', ')}), expected (${SIGNATURES[name]!.map((s) => s.join(', ')).join(' | ')})`)
            callback(null, impl(args, types))
          } catch (error) {
            callback((error as Fault).faultString ? error : fault(String(error)), undefined)
          }
        })
      }
      s.on('NotFound', () => {})
      server = s
    })
  }

  await listen()
  const fake: PaperCutFake = {
    get url() { return `http://127.0.0.1:${port}` },
    get port() { return port },
    token, users, adjustments, calls,
    printJob(username, job) {
      const u = user(username)
      const colour = job.colourPages ?? 0
      u.pages += job.pages
      u.colourPages += colour
      u.balance = Math.round((u.balance - (job.cost ?? 0)) * 100) / 100
    },
    async stop() {
      const s = server
      server = undefined
      if (s) {
        const http = s.httpServer as import('node:http').Server
        await new Promise<void>((r) => { http.close(() => r()); http.closeAllConnections() })
      }
    },
    async start() { if (!server) await listen() },
    async close() { await fake.stop() },
  }
  return fake
}

/** A `<double>` in a response (the xmlrpc serializer writes whole numbers as `<int>`). */
class xmlrpcDouble extends xmlrpc.CustomType {
  constructor(value: number) {
    super(value.toFixed(2))
    this.tagName = 'double'
  }
}
