/**
 * The shell's entry point: installs the design tokens on the document and defines `<tz-app>`.
 */
import { installTokens } from '@tessera/ui-kit'
import './tz-app.ts'

installTokens()
