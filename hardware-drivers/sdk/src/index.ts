/**
 * `@tessera/driver-sdk`: the contracts between Tessera's kernel, its site agent and hardware drivers. It holds the
 * driver interfaces (`LockDriver`, `PrinterDriver`, capability flags), `defineDriver` and `DriverRegistry`, the
 * `LockController` state machine that relay-style lock drivers share, the security primitives the kernel and the
 * agent both use (signed commands with replay protection, signed access grant sets, credential hashing) and the
 * agent wire-protocol types. The conformance suite is a separate entry point, `@tessera/driver-sdk/conformance`.
 */
export type { Actor, DriverFailureReason, LockDriver, LockEvent, LockEventKind, LockResult, LockStatus, UnlockRequest, UnlockResult } from './lock-driver.ts'
export { PRINT_DOCUMENT_MAX_BYTES, TERMINAL_PRINT_JOB_STATES } from './printer-driver.ts'
export type {
  CancelPrintResult,
  PrintContentType,
  PrinterCapabilities,
  PrinterDriver,
  PrinterEvent,
  PrinterState,
  PrinterStatus,
  PrintJobState,
  PrintJobStatus,
  PrintRequest,
  PrintResult,
} from './printer-driver.ts'
export { PrintJobBook } from './print-job-book.ts'
export type { CancelRefusal, PrintJobBookOptions, SubmittedJob } from './print-job-book.ts'
export { simplePdf } from './simple-pdf.ts'
export type { SimplePdfOptions } from './simple-pdf.ts'
export { capabilities } from './capabilities.ts'
export type { DriverCapabilities } from './capabilities.ts'
export { defineDriver } from './define-driver.ts'
export type { DriverDefinition, DriverInstanceByKind, DriverKind } from './define-driver.ts'
export { DriverRegistry } from './driver-registry.ts'
export type { DriverListing } from './driver-registry.ts'
export { EventChannel } from './event-channel.ts'
export { IdempotentRequests } from './idempotent-requests.ts'
export type { IdempotentRequestsOptions } from './idempotent-requests.ts'
export { LockController } from './lock-controller.ts'
export type { LockControllerOptions } from './lock-controller.ts'
export { canonicalJson } from './canonical-json.ts'
export { hmacSign, hmacVerify, SIGNATURE_DOMAINS } from './hmac-signature.ts'
export type { HmacSecret } from './hmac-signature.ts'
export { NonceStore } from './nonce-store.ts'
export type { NonceStoreOptions } from './nonce-store.ts'
export { createCommand, DEFAULT_COMMAND_TTL_MS, issueCommand, signCommand, verifyCommand } from './command-signing.ts'
export type { AgentCommand, CommandRejectionReason, CommandVerification, SignedAgentCommand, VerifyCommandOptions } from './command-signing.ts'
export { matchGrant, signGrantSet, verifyGrantSet } from './access-grants.ts'
export type { AccessGrant, AccessGrantSet, GrantMatch, GrantSetVerification, SignedAccessGrantSet } from './access-grants.ts'
export { deriveCredentialKey, hashCredential, normalizeCredential } from './credential-hash.ts'
export type { CredentialType } from './credential-hash.ts'
export * from './agent-protocol.ts'
