/**
 * `@tessera/kernel/testing`: the test harness. Plugin authors use it through `@tessera/sdk/testing`, which re-exports
 * the public part (`createPluginTestKernel` as `createTestKernel`, `waitFor`, `countRoundTrips`, captured events, world
 * builders); the kernel's own tests and benchmarks use {@link createTestKernel} here, which also hands out the booted
 * kernel.
 */
export { createTestKernel, createPluginTestKernel, createTestDatabase, dropTestDatabase, testServerUrl } from './create-test-kernel.ts'
export type { KernelTestKernel as TestKernel } from './create-test-kernel.ts'
export type { TestKernel as PluginTestKernel, TestKernelOptions, TestUser, TestWorld, WorldPlugin, TestPluginInput } from './test-kernel.ts'
export type { EventLog, NextEventOptions } from './event-log.ts'
export { waitFor } from './wait-for.ts'
export type { WaitForOptions } from './wait-for.ts'
export { countRoundTrips } from './count-round-trips.ts'
export type { RoundTripCount } from './count-round-trips.ts'
