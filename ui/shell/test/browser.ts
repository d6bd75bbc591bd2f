/**
 * Browser test helpers: launch Debian Chromium through playwright-core (no browser download), open a context
 * at a base URL, sign in through the real form, and save screenshots (also used for README images).
 *
 * Every launch uses a fresh user-data-dir that `close()` deletes, so runs never share cookies or caches.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface BrowserSession {
  context: BrowserContext
  page: Page
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>
}

export interface OpenBrowserOptions {
  baseURL: string
  viewport?: { width: number; height: number }
  /** Collects `console.error` and uncaught page errors into this array (assert it is empty at the end). */
  errors?: string[]
}

/** Launches Chromium with a fresh profile and one page whose relative `goto()`s resolve against `baseURL`. */
export async function openBrowser(options: OpenBrowserOptions): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tessera-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    baseURL: options.baseURL,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  if (options.errors) {
    const errors = options.errors
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`)
    })
  }
  return {
    context,
    page,
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Opens `/`, fills the sign-in form by its labels, submits, and waits for the signed-in frame. */
export async function signIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.goto('/')
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}

/** Saves a PNG of the page (or of the viewport when `fullPage` is false) to `path`, creating directories. */
export async function screenshot(page: Page, path: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(dirname(path), { recursive: true })
  // Let transitions settle and fonts load so images are stable.
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled' })
  return path
}
