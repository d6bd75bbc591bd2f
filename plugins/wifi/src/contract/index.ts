/**
 * `@tessera/plugin-wifi/contract`: what other plugins and the screens may use of Wi-Fi — permission names and the
 * wire shapes of its routes (a member's own, a person's for staff, vouchers). Imports nothing but `@tessera/sdk`.
 */
export * from './wifi-permissions.ts'
export * from './wifi-schemas.ts'
export * from './wifi-events.ts'
export * from './person-wifi-schemas.ts'
