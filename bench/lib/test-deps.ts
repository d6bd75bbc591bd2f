/**
 * Dependencies of the reliability suite (`kernel/core/test/reliability/`) that the kernel package does not declare:
 * fast-check lives in the bench workspace package, so the tests import it through this file.
 */
import fc from 'fast-check'

export { fc }
