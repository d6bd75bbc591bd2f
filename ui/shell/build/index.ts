/**
 * `@tessera/ui-shell/build`: the UI build steps other packages' tests reuse — plugin UI bundles with the shared
 * modules kept external, and precompression of built assets.
 */
export { findPluginUis, buildPluginUi } from './build-plugins.ts'
export type { PluginUi } from './build-plugins.ts'
export { sharedSpecifiers, kitSpecifier, forbiddenSpecifiers, entryName, isShared, unsharedLitImport } from './shared-modules.ts'
export { precompress } from './precompress.ts'
