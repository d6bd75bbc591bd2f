/**
 * Testing helpers of the kernel, re-exported by `@tessera/sdk/testing` for plugin authors.
 */
export { createTestKernel, createTestDatabase, dropTestDatabase, testServerUrl } from './create-test-kernel.ts'
export type { TestKernel, TestKernelOptions } from './create-test-kernel.ts'
