/**
 * `@tessera/driver-sdk/conformance`: the conformance suites any driver can run from its own tests —
 * `runLockConformance` for lock drivers and `runPrinterConformance` for printer drivers — each reporting which
 * capability levels the driver passed, plus `EventRecorder`, a helper that records a driver's events and waits for
 * the n-th event of a kind.
 */
export { runLockConformance } from './lock-conformance.ts'
export type { LockConformanceHarness, LockConformanceLevel, LockConformanceOptions, LockConformanceSettings } from './lock-conformance.ts'
export { runPrinterConformance } from './printer-conformance.ts'
export type { PrinterConformanceHarness, PrinterConformanceLevel, PrinterConformanceOptions } from './printer-conformance.ts'
export { CheckNotApplicable, LevelTracker, levelSummary, notClaimed, unverified } from './capability-levels.ts'
export type { ConformanceReport, LevelResult, LevelStatus } from './capability-levels.ts'
export { EventRecorder } from './event-recorder.ts'
