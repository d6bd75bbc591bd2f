/**
 * The permission names the Wi-Fi plugin declares. Routes require them; screens ask `can(wifiPermissions.vouchers)`,
 * `can(wifiPermissions.manage)`.
 * The declarations (descriptions, default roles) live in the plugin manifest.
 */

/** Wi-Fi permission names. @public */
export const wifiPermissions = {
  /** See one's own Wi-Fi login, rotate its password, see one's sessions. */
  self: 'wifi.self',
  /** See and create guest vouchers. */
  vouchers: 'wifi.vouchers',
  /** Staff: see a person's Wi-Fi login, status, devices and data used (never the password); rotate it; disconnect. */
  manage: 'wifi.manage',
} as const

/** One of the Wi-Fi plugin's permission names. @public */
export type WifiPermission = (typeof wifiPermissions)[keyof typeof wifiPermissions]
