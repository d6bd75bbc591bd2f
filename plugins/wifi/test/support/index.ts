/**
 * `@tessera/plugin-wifi/testing`: test support for the Wi-Fi plugin — a stateful UniFi voucher API fake and a real
 * FreeRADIUS started on its own ports with this plugin's RADIUS configuration.
 */
export { startUnifiFake } from './unifi-fake.ts'
export type { UnifiFake, FakeVoucher } from './unifi-fake.ts'
export { startFreeRadius } from './freeradius.ts'
export type { FreeRadius } from './freeradius.ts'
