/**
 * `@tessera/plugin-xero/contract`: what other plugins and the Xero UI may import — permission names, the
 * `xero.document.*` event contracts and the wire types of the plugin's routes. Depends on nothing but `@tessera/sdk`.
 */
export * from './xero-permissions.ts'
export * from './xero-schemas.ts'
export * from './xero-events.ts'
