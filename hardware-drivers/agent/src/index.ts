/**
 * `@tessera/site-agent`: the process that runs at a site, drives its doors through driver plugins and links them
 * to the kernel over an outbound, authenticated WebSocket. Start one with `createSiteAgent(options)` or the CLI
 * `bin/site-agent.ts <config.json>`. The wire protocol is documented in this package's README.
 */
export { AGENT_SOFTWARE, createSiteAgent } from './site-agent.ts'
export type { SiteAgent, SiteAgentOptions } from './site-agent.ts'
export { loadSiteAgentConfig, parseSiteAgentConfig } from './site-agent-config.ts'
export type { SiteAgentConfigFile } from './site-agent-config.ts'
export type { DeviceConfig } from './device-set.ts'
export type { AccessDecision, CredentialCheckRequest, LockoutOptions } from './local-access-control.ts'
export { jsonLineLogger } from './agent-logger.ts'
export type { AgentLogger, LogFields } from './agent-logger.ts'
export { defaultDriverRegistry } from './default-registry.ts'
export { agentDriverSdkVersion, loadDriverPackage, registerDriverPackages } from './driver-packages.ts'
export type { LoadedDriverPackage } from './driver-packages.ts'
export { reconnectDelay } from './reconnect-backoff.ts'
export type { ReconnectBackoffOptions } from './reconnect-backoff.ts'
export { EventOutbox } from './event-outbox.ts'
export { GrantStore } from './grant-store.ts'
