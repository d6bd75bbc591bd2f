/**
 * `@tessera/plugin-papercut/contract`: what other plugins and PaperCut's screens may use — permission names, the
 * `papercut.*` event contracts, and the route schemas with their wire types. Imports nothing but `@tessera/sdk`.
 */
export * from './papercut-permissions.ts'
export * from './papercut-events.ts'
export * from './papercut-schemas.ts'
export * from './person-print-schemas.ts'
