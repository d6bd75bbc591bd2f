/**
 * Route options plugins add through Fastify's `config`: every plugin route must name the `permission` it requires
 * (deny by default) or declare itself `public` (webhooks, device connections), which then must verify the caller
 * itself and enter a tenant with `ctx.withTenant`.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permission the caller must hold in the current tenant. */
    permission?: string
    /** No session needed; the handler authenticates the caller (signature, token in URL) itself. */
    public?: boolean
    /**
     * Requires an `Idempotency-Key` header: the first request with a key runs and its status and returned payload are
     * stored in the same transaction; a repeat (even concurrent) gets the stored response with
     * `Idempotent-Replayed: true`; the same key with a different body is a 422. For money and hardware actions (INV-4).
     */
    idempotency?: boolean
    /**
     * GET/HEAD routes run each statement as its own tenant-bound implicit transaction (one round trip, READ COMMITTED
     * visibility as in a transaction). Set `true` for a read that needs one transaction (savepoints, row locks).
     */
    transaction?: boolean
    /** Audit action recorded for a successful mutation (default `<METHOD> <route>`), or `false` to skip. */
    audit?: string | false
  }
}

export {}
