/**
 * `@tessera/plugin-members/contract`: what other plugins and members' own UI may import — the `directory` service
 * ref and interface, the `members.*` event contracts, permission names and the wire types of members' routes.
 * Depends on nothing but `@tessera/sdk`.
 */
export * from './directory.ts'
export * from './members-events.ts'
export * from './members-permissions.ts'
export * from './person-schemas.ts'
export * from './organisation-schemas.ts'
export * from './note-schemas.ts'
