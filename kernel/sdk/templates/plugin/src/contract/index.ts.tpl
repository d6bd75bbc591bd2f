/**
 * `{{package}}/contract`: what other plugins may use — the permission names, the `{{id}}.*` event contracts, the
 * notes service ref and the wire schemas with their types. Imports nothing but `@tessera/sdk`.
 */
export * from './{{id}}-permissions.ts'
export * from './{{id}}-schemas.ts'
export * from './{{id}}-events.ts'
export * from './notes-service.ts'
