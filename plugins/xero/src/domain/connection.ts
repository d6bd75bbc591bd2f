/**
 * The tenant's connection to Xero: the OAuth 2.0 authorisation-code flow (a one-time `state`, PKCE S256), choosing
 * the organisation when the consent covered several, tokens sealed in the connection row, refresh before expiry (by
 * the sync job when it needs a token and by the `refresh-tokens` cron job), the `reconnect` state when Xero refuses the
 * refresh, and disconnect (revokes the refresh token). Identity calls go through the plugin's `XeroIdentity`.
 */
import { createHash, randomBytes } from 'node:crypto'
import { problem } from '@tessera/sdk'
import type { Connection } from '../contract/xero-schemas.ts'
import type { XeroContext } from './xero-config.ts'
import type { ResolvedXeroOptions } from './xero-options.ts'
import { XeroIdentityError } from './xero-identity.ts'
import type { XeroTokenSet } from './xero-identity.ts'
import { openTokens, sealTokens } from './token-box.ts'
import { getConnection, lockConnection, saveConnection, saveOAuthState, takeOAuthState } from '../store/connection-store.ts'
import type { ConnectionRow } from '../store/connection-store.ts'
import { listDocuments } from '../store/document-store.ts'

/** Refresh when the access token has less than this left, ms. */
export const REFRESH_MARGIN_MS = 5 * 60_000

function client(ctx: XeroContext) {
  const c = ctx.config()
  return { clientId: c.clientId, clientSecret: c.clientSecret }
}

/** Starts the flow: a consent URL with a fresh state and PKCE challenge. */
export async function startConnect(ctx: XeroContext, opts: ResolvedXeroOptions, redirectUri: string): Promise<string> {
  const state = randomBytes(24).toString('base64url')
  const verifier = randomBytes(48).toString('base64url')
  await saveOAuthState(ctx.db, state, verifier, redirectUri)
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  return opts.identity.authorizeUrl({ clientId: ctx.config().clientId, redirectUri, scopes: ctx.config().scopes, state, codeChallenge: challenge })
}

async function storeTokens(ctx: XeroContext, tokens: XeroTokenSet, extra: Partial<ConnectionRow> = {}): Promise<void> {
  await saveConnection(ctx.db, {
    token_box: sealTokens(ctx, tokens, ctx.tenant().id), access_expires_at: new Date(Date.now() + tokens.expiresIn * 1000), last_error: null, ...extra,
  })
}

/** Completes the flow: exchanges the code, lists the organisations, connects (or asks which one). */
export async function completeConnect(ctx: XeroContext, opts: ResolvedXeroOptions, code: string, state: string): Promise<void> {
  const pending = await takeOAuthState(ctx.db, state)
  if (!pending) throw problem.badRequest('This Xero authorisation is unknown or expired; start again.', [{ pointer: '/querystring/state', detail: 'unknown or expired' }])
  const tokens = await opts.identity.exchangeCode(client(ctx), { code, redirectUri: pending.redirect_uri, codeVerifier: pending.code_verifier })
  const orgs = await opts.identity.connections(tokens.accessToken)
  if (!orgs.length) throw problem.unprocessable('The Xero consent covered no organisation.')
  const organisations = orgs.map((o) => ({ tenantId: o.tenantId, name: o.tenantName, connectionId: o.id }))
  if (orgs.length === 1) {
    await storeTokens(ctx, tokens, { state: 'connected', xero_tenant_id: orgs[0].tenantId, organisation_name: orgs[0].tenantName, organisations })
  } else {
    await storeTokens(ctx, tokens, { state: 'choose_organisation', xero_tenant_id: null, organisation_name: null, organisations })
  }
  await ctx.audit.record({ action: 'xero.connect', target: 'xero:connection', data: { organisations: organisations.map((o) => o.name) } })
}

/** Picks the organisation of a multi-organisation consent. */
export async function chooseOrganisation(ctx: XeroContext, xeroTenantId: string): Promise<void> {
  const c = await lockConnection(ctx.db)
  const org = c?.organisations.find((o) => o.tenantId === xeroTenantId)
  if (!c || !c.token_box || !org) throw problem.unprocessable('That organisation is not part of the current Xero connection.', [{ pointer: '/body/tenantId', detail: 'not a connected organisation' }])
  await saveConnection(ctx.db, { state: 'connected', xero_tenant_id: org.tenantId, organisation_name: org.name })
}

/** Disconnects: revokes the refresh token at Xero (best effort) and forgets the tokens. */
export async function disconnect(ctx: XeroContext, opts: ResolvedXeroOptions): Promise<void> {
  const c = await lockConnection(ctx.db)
  if (c?.token_box) {
    try {
      await opts.identity.revoke(client(ctx), openTokens(ctx, c.token_box, ctx.tenant().id).refreshToken)
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'xero revoke failed; tokens forgotten anyway')
    }
  }
  await saveConnection(ctx.db, { state: 'disconnected', token_box: null, access_expires_at: null, xero_tenant_id: null, organisation_name: null, organisations: [] })
}

/**
 * A valid access token of the connected organisation (refreshed when it expires within {@link REFRESH_MARGIN_MS}),
 * or undefined when not connected. A refused refresh sets `reconnect` with Xero's reason. The caller holds the sync lock.
 */
export async function accessToken(ctx: XeroContext, opts: ResolvedXeroOptions, force = false): Promise<{ token: string; xeroTenantId: string } | undefined> {
  const c = await getConnection(ctx.db)
  if (!c || c.state !== 'connected' || !c.token_box || !c.xero_tenant_id) return undefined
  const tokens = openTokens(ctx, c.token_box, ctx.tenant().id)
  if (!force && c.access_expires_at && c.access_expires_at.getTime() - Date.now() > REFRESH_MARGIN_MS) return { token: tokens.accessToken, xeroTenantId: c.xero_tenant_id }
  // Xero rotates the refresh token: the new one is committed at once, in a transaction of its own, so a job that
  // crashes later cannot lose it (and leave only a rotated-out token behind)
  const xeroTenantId = c.xero_tenant_id
  return ctx.withTenant(ctx.tenant().id, async () => {
    try {
      const fresh = await opts.identity.refresh(client(ctx), tokens.refreshToken)
      await storeTokens(ctx, fresh)
      return { token: fresh.accessToken, xeroTenantId }
    } catch (err) {
      if (err instanceof XeroIdentityError && err.status >= 400 && err.status < 500) {
        await saveConnection(ctx.db, { state: 'reconnect', last_error: err.message })
        await ctx.audit.record({ action: 'xero.refresh-failed', target: 'xero:connection', data: { reason: err.message } })
        return undefined
      }
      throw err
    }
  })
}

/** The connection as the settings screen shows it. */
export async function connectionView(ctx: XeroContext, webhookUrl: string): Promise<Connection> {
  const c = await getConnection(ctx.db)
  const docs = await listDocuments(ctx.db, { limit: 1 })
  const total = docs.counts.pending + docs.counts.synced + docs.counts.failed
  return {
    state: c?.state ?? 'disconnected',
    organisationName: c?.organisation_name ?? null,
    organisations: (c?.organisations ?? []).map((o) => ({ tenantId: o.tenantId, name: o.name })),
    accessExpiresAt: c?.access_expires_at ? c.access_expires_at.toISOString() : null,
    lastError: c?.last_error ?? null,
    webhookUrl,
    firstSync: { state: c?.first_sync ?? 'none', total, done: docs.counts.synced, failed: docs.counts.failed },
  }
}
