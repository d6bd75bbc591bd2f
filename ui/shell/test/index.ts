/**
 * `@tessera/ui-shell/testing`: what plugins' browser tests share — build the shell once, open Debian's Chromium,
 * sign in, take screenshots, check a screen's accessibility with axe-core — reached by package export instead of a
 * relative path.
 */
export { ensureShellBuilt } from './ensure-built.ts'
export { openBrowser, signIn, screenshot, chromiumPath, chromiumArgs } from './browser.ts'
export type { BrowserSession, OpenBrowserOptions } from './browser.ts'
export { axe } from './axe.ts'
export type { AxeFinding, AxeOptions } from './axe.ts'
