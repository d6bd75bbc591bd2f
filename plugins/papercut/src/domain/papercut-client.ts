/**
 * The PaperCut web-services client: XML-RPC at `<serverUrl>/rpc/api/xmlrpc` through the `xmlrpc` package, the auth
 * token first in every call. Amounts go as a real `<double>` (the package writes whole numbers as `<int>`, which a
 * strict server refuses). Each call settles within the configured timeout; errors come back classified
 * (`PaperCutError`).
 */
import xmlrpc from 'xmlrpc'
import type { PaperCutContext } from './papercut-config.ts'
import { PaperCutError, classify } from './papercut-error.ts'

/** An XML-RPC `<double>` (two decimals: PaperCut balances are currency amounts). */
export class XmlRpcDouble extends xmlrpc.CustomType {
  constructor(value: number) {
    super(value.toFixed(2))
    this.tagName = 'double'
  }
}

/** The calls the plugin makes. */
export interface PaperCutApi {
  userExists(username: string): Promise<boolean>
  addNewInternalUser(user: { username: string; password: string; fullName: string; email: string; cardId: string; pin: string }): Promise<void>
  setUserProperties(username: string, properties: [string, string][]): Promise<void>
  getUserProperty(username: string, name: string): Promise<string>
  getBalance(username: string): Promise<number>
  adjustBalance(username: string, amount: number, comment: string): Promise<void>
}

/** A client for the current tenant's PaperCut server (throws `not-configured` without a token). */
export function papercutApi(ctx: PaperCutContext): PaperCutApi {
  const cfg = ctx.config()
  const token = (cfg.authTokenSecret ? ctx.secret(cfg.authTokenSecret) : undefined) ?? cfg.authToken
  const client = xmlrpc.createClient({ url: `${cfg.serverUrl.replace(/\/$/, '')}/rpc/api/xmlrpc` })
  const account = cfg.sharedAccount
  const call = <T>(method: string, ...args: unknown[]): Promise<T> => {
    if (!token) {
      return Promise.reject(new PaperCutError('not-configured', cfg.authTokenSecret
        ? `The kernel secret "${cfg.authTokenSecret}" holding the PaperCut auth token is not configured`
        : 'No PaperCut auth token is configured (authTokenSecret or authToken)'))
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new PaperCutError('unreachable', `PaperCut did not answer ${method} within ${cfg.timeoutMs} ms`)), cfg.timeoutMs)
      client.methodCall(method, [token, ...args], (error, value) => {
        clearTimeout(timer)
        if (error) reject(classify(error, method))
        else resolve(value as T)
      })
    })
  }
  return {
    userExists: (username) => call<boolean>('api.isUserExists', username),
    async addNewInternalUser(u) { await call('api.addNewInternalUser', u.username, u.password, u.fullName, u.email, u.cardId, u.pin) },
    async setUserProperties(username, properties) { await call('api.setUserProperties', username, properties) },
    getUserProperty: (username, name) => call<string>('api.getUserProperty', username, name),
    async getBalance(username) { return Number(await call<number>('api.getUserAccountBalance', username, ...(account ? [account] : []))) },
    async adjustBalance(username, amount, comment) {
      await call('api.adjustUserAccountBalance', username, new XmlRpcDouble(amount), comment, ...(account ? [account] : []))
    },
  }
}
