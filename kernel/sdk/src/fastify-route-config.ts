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
    /** Audit action recorded for a successful mutation (default `<METHOD> <route>`), or `false` to skip. */
    audit?: string | false
  }
}

export {}
