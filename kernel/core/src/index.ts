/**
 * `@tessera/kernel`: the small core that hosts Tessera plugins.
 */
export { createKernel } from './kernel.ts'
export type { Kernel, KernelOptions } from './kernel.ts'
export type { KernelServices } from './kernel-services.ts'
export type { PluginInput, PluginSource } from './plugins/load-plugins.ts'
export { hashPassword, verifyPassword } from './auth/password.ts'
