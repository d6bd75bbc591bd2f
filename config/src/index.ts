/**
 * `@tessera/config`: loading and validating the kernel configuration. The only package that reads `process.env`.
 */
export { loadConfig } from './load-config.ts'
export type { LoadConfigOptions } from './load-config.ts'
export type { KernelConfig, ConfigOverrides } from './kernel-config.ts'
export { ConfigError } from './config-error.ts'
export type { ConfigIssue } from './config-error.ts'
