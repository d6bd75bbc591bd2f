/**
 * The version of the plugin API this SDK describes. A plugin's `kernel` range is checked against it at load time;
 * a breaking change to any export of `@tessera/sdk` bumps the major version.
 *
 * Generated from `kernel/sdk/package.json` by `node scripts/build-packages.ts` (and `scripts/changelog.ts` on a
 * version bump): do not edit by hand. A test fails when it differs from the package version.
 */

/** Semver version of the plugin API implemented by this SDK and the kernel that ships with it. @public */
export const SDK_VERSION = '1.0.0'
