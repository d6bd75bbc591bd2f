/**
 * `@tessera/kernel`: the small core that hosts Tessera plugins.
 */
export { createKernel } from './kernel.ts'
export type { Kernel, KernelOptions } from './kernel.ts'
export type { KernelServices } from './services/kernel-services.ts'
export type { PluginInput, PluginSource } from './plugin-host/load-plugins.ts'
export { hashPassword, verifyPassword } from './auth/password.ts'
