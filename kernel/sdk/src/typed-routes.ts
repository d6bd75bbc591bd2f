/**
 * Schemas are types. A plugin's `routes(app, ctx)` receives a Fastify instance with the JSON-Schema-to-TS type
 * provider, so `req.body`, `req.params`, `req.query` and the reply are typed from the route's `schema` (write the
 * schema inline or `as const`), and `configSchema` gives `ctx.config()` its type ({@link ConfigOf}). The provider is
 * type-only: at run time the kernel's ajv validators do the checking, with defaults applied.
 */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FromSchema, JSONSchema } from 'json-schema-to-ts'

export type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
export type { FromSchema, JSONSchema } from 'json-schema-to-ts'

/** The Fastify instance a plugin's `routes` receives: encapsulated at `/api/v1/<id>`, typed by route schemas. @public */
export type PluginApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, JsonSchemaToTsProvider>

/**
 * The configuration type described by a `configSchema` `S`: `FromSchema<S>` (properties with a `default` are present,
 * since the kernel applies defaults when it reads a tenant's stored config), or a plain record when there is no
 * literal schema. @public
 */
export type ConfigOf<S> = [S] extends [JSONSchema]
  ? FromSchema<S> extends infer C ? (C extends Record<string, unknown> ? C : Record<string, unknown>) : never
  : Record<string, unknown>
