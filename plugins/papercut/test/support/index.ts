/**
 * `@tessera/plugin-papercut/testing`: the stateful PaperCut XML-RPC fake, for this plugin's tests and for anyone
 * testing a deployment against a PaperCut stand-in.
 */
export { startPaperCutFake } from './papercut-fake.ts'
export type { PaperCutFake, FakeUser, FakeAdjustment } from './papercut-fake.ts'
