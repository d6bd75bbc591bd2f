#!/usr/bin/env node
/**
 * `tessera`: the operator's command line. `start` runs the server; the other commands boot the kernel without
 * workers or HTTP listener, act through the same services as the operator API, and exit.
 */
import { runCli } from '../src/cli/run-cli.ts'

process.exit(await runCli(process.argv))
