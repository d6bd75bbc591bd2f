/**
 * The agent's configuration file, reconnect backoff, and the CLI end to end: the real `bin/site-agent.ts` process
 * started with a config file connects to a fake kernel, executes a signed command and stops cleanly on SIGTERM.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadSiteAgentConfig, reconnectDelay } from '../src/index.ts'
import { FakeKernel } from './fake-kernel.ts'
import { AGENT_ID, SECRET, tempDir } from './test-support.ts'

describe('site agent configuration', () => {
  it('resolves relative paths against the config file and reads the secret from a file', async () => {
    const { dir, remove } = await tempDir()
    try {
      await writeFile(join(dir, 'secret'), `${SECRET}\n`)
      const path = join(dir, 'agent.json')
      await writeFile(path, JSON.stringify({ agentId: 'a1', kernelUrl: 'ws://k/agents', agentSecretFile: 'secret', dataDir: 'data', drivers: [] }))
      const options = loadSiteAgentConfig(path)
      assert.equal(options.agentSecret, SECRET)
      assert.equal(options.dataDir, join(dir, 'data'))
      await writeFile(path, JSON.stringify({ agentId: 'a1', kernelUrl: 'ws://k', agentSecret: 'short', dataDir: 'd', drivers: [] }))
      assert.throws(() => loadSiteAgentConfig(path), /at least 16 bytes/)
      await writeFile(path, JSON.stringify({ agentId: 'a1', kernelUrl: 'ws://k', agentSecret: SECRET, dataDir: 'd', drivers: [{ driver: 'x' }] }))
      assert.throws(() => loadSiteAgentConfig(path), /drivers\[0\] needs deviceId/)
    } finally {
      await remove()
    }
  })

  it('backs off exponentially with a cap and bounded jitter', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, factor: 2, jitter: 0.2 }
    assert.deepEqual([0, 1, 2, 3, 4, 10].map((n) => reconnectDelay(n, options, () => 0.5)), [100, 200, 400, 800, 1000, 1000])
    assert.equal(reconnectDelay(0, options, () => 0), 80)
    assert.equal(reconnectDelay(0, options, () => 0.999999), 120)
  })
})

describe('site-agent CLI', () => {
  it('runs from a config file, executes a signed command and stops on SIGTERM', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const path = join(dir, 'agent.json')
    await writeFile(
      path,
      JSON.stringify({
        agentId: AGENT_ID,
        kernelUrl: kernel.url,
        agentSecret: SECRET,
        dataDir: 'data',
        drivers: [{ deviceId: 'front', driver: 'simulator', config: {} }],
        reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
      }),
    )
    const bin = join(import.meta.dirname, '..', 'bin', 'site-agent.ts')
    const child = spawn(process.execPath, [bin, path], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      await kernel.until(() => kernel.connected, 10_000, 'CLI agent connection')
      const reply = await kernel.reply(kernel.command(AGENT_ID, 'unlock', { deviceId: 'front', durationMs: 100, requestId: 'cli-1', actor: { kind: 'system', id: 'test' } }).id)
      assert.ok(reply.type === 'command-result' && reply.ok, JSON.stringify(reply))
      child.kill('SIGTERM')
      assert.equal(await exited, 0, stderr)
      const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; agentId?: string })
      assert.ok(lines.some((l) => l.msg === 'connected to kernel' && l.agentId === AGENT_ID))
      assert.ok(lines.some((l) => l.msg === 'agent stopped'))
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      await kernel.stop()
      await remove()
    }
  })
})
