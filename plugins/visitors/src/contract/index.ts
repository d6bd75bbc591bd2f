/**
 * `@tessera/plugin-visitors/contract`: what other plugins and the visitors screen may use — permission names, the
 * `visitors.visitor.*` event contracts (`registered`, `arrived`, `left`, `cancelled`), the `visitorsDirectory` service
 * ref, and the route schemas with their wire types. Imports nothing but `@tessera/sdk`.
 */
export * from './visitors-permissions.ts'
export * from './visitor-schemas.ts'
export * from './visitors-events.ts'
export * from './visitors-directory.ts'
