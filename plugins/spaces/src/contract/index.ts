/**
 * `@tessera/plugin-spaces/contract`: what other plugins and spaces' own UI may import — the `catalog` service ref
 * and interface, the `spaces.*` event contracts, permission names and the wire types of spaces' routes (locations,
 * resources, rules, prices). Depends on nothing but `@tessera/sdk`.
 */
export * from './catalog.ts'
export * from './spaces-events.ts'
export * from './spaces-permissions.ts'
export * from './location-schemas.ts'
export * from './resource-schemas.ts'
