/**
 * `@tessera/plugin-mailchimp/contract`: the plugin's permission names and the wire types of its routes (for its UI and
 * for anyone scripting against it). It publishes no events and exports no services. Depends on nothing but the SDK.
 */
export * from './mailchimp-permissions.ts'
export * from './mailchimp-schemas.ts'
