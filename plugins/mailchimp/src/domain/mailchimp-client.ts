/**
 * The tenant's Mailchimp client: one `ApiClient` of the real `@mailchimp/mailchimp_marketing` SDK per tenant (the
 * package's default export is a single global client, so it is never used), configured with the tenant's API key and
 * server prefix and, when configured, another base path. Every call goes through {@link MailchimpApi.call}: at most
 * `maxConnections` (≤ 10) calls in flight per tenant in this process, and 429 and 5xx answers (and network errors)
 * retried with exponential backoff, honouring `Retry-After`.
 */
import { createRequire } from 'node:module'
import type { MailchimpConfig } from './mailchimp-config.ts'
import { Limiter } from './limiter.ts'

const require = createRequire(import.meta.url)

/** The part of the SDK's `ApiClient` the plugin uses (the SDK ships no types). */
export interface SdkClient {
  basePath: string
  setConfig(config: { apiKey: string; server: string }): void
  lists: {
    getAllLists(opts: Record<string, unknown>): Promise<{ lists: { id: string; name: string; stats?: { member_count?: number } }[]; total_items: number }>
    getList(listId: string, opts?: Record<string, unknown>): Promise<{ id: string; name: string }>
    getListMergeFields(listId: string, opts?: Record<string, unknown>): Promise<{ merge_fields: { tag: string }[] }>
    addListMergeField(listId: string, body: { tag: string; name: string; type: string }): Promise<unknown>
    setListMember(listId: string, hash: string, body: Record<string, unknown>, opts?: Record<string, unknown>): Promise<{ id: string; status: string }>
    updateListMember(listId: string, hash: string, body: Record<string, unknown>, opts?: Record<string, unknown>): Promise<{ id: string; status: string }>
    updateListMemberTags(listId: string, hash: string, body: { tags: { name: string; status: 'active' | 'inactive' }[] }): Promise<unknown>
    deleteListMemberPermanent(listId: string, hash: string): Promise<unknown>
  }
  batches: {
    start(body: { operations: { method: string; path: string; body?: string; operation_id?: string }[] }): Promise<{ id: string; status: string; total_operations: number }>
    status(batchId: string, opts?: Record<string, unknown>): Promise<{ id: string; status: string; total_operations: number; finished_operations: number; errored_operations: number }>
  }
}

const ApiClient = require('@mailchimp/mailchimp_marketing/src/ApiClient') as new () => SdkClient

/** An error answer of Mailchimp: its HTTP status and `detail`. */
export class MailchimpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'MailchimpError'
    this.status = status
  }
}

/** The tenant's client with its limits. */
export interface MailchimpApi {
  sdk: SdkClient
  /** Runs one SDK call within the connection limit, retrying 429/5xx/network errors; throws {@link MailchimpError}. */
  call<T>(fn: (sdk: SdkClient) => Promise<T>): Promise<T>
}

/** Retry policy (tests may shorten it). */
export const retryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8000 }

const clients = new Map<string, { key: string; api: MailchimpApi }>()

function errorOf(e: unknown): { status: number; message: string; retryAfterMs?: number } {
  const err = e as { status?: number; response?: { body?: { detail?: string; title?: string }; headers?: Record<string, string> }; message?: string }
  const status = typeof err.status === 'number' ? err.status : 0
  const body = err.response?.body
  const ra = Number(err.response?.headers?.['retry-after'])
  return { status, message: body?.detail || body?.title || err.message || 'Mailchimp call failed', ...(ra > 0 ? { retryAfterMs: ra * 1000 } : {}) }
}

/** The client of tenant `tenantId` for its current config (rebuilt when the config changes). */
export function mailchimpApi(tenantId: string, config: MailchimpConfig): MailchimpApi {
  const key = JSON.stringify([config.apiKey, config.serverPrefix, config.apiBasePath ?? null, config.maxConnections])
  const cached = clients.get(tenantId)
  if (cached && cached.key === key) return cached.api
  const sdk = new ApiClient()
  if (config.apiBasePath) sdk.basePath = config.apiBasePath.replace(/\/+$/, '')
  sdk.setConfig({ apiKey: config.apiKey, server: config.serverPrefix })
  const limiter = new Limiter(Math.min(10, config.maxConnections))
  const api: MailchimpApi = {
    sdk,
    async call(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await limiter.run(() => fn(sdk))
        } catch (e) {
          const { status, message, retryAfterMs } = errorOf(e)
          const retriable = status === 429 || status >= 500 || status === 0
          if (!retriable || attempt >= retryPolicy.attempts) throw new MailchimpError(status, message)
          const backoff = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2)
          await new Promise((r) => setTimeout(r, Math.max(backoff, retryAfterMs ?? 0)))
        }
      }
    },
  }
  clients.set(tenantId, { key, api })
  return api
}
