#!/usr/bin/env node
/**
 * Command-line entry of the site agent: `node hardware-drivers/agent/bin/site-agent.ts <config.json>`. It reads
 * the JSON configuration file named on the command line (see the README), starts the agent, logs JSON lines to
 * stderr, and on SIGINT/SIGTERM closes it cleanly (drivers relock, the event queue is flushed to disk).
 */
import { createSiteAgent, loadSiteAgentConfig } from '../src/index.ts'

const path = process.argv[2]
if (!path || path === '--help' || path === '-h') {
  process.stderr.write('usage: site-agent <config.json>\n')
  process.exit(path ? 0 : 2)
}

try {
  const agent = await createSiteAgent(loadSiteAgentConfig(path))
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: `received ${signal}, stopping` })}\n`)
    agent.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
} catch (error) {
  process.stderr.write(`site-agent: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
