/**
 * The Wi-Fi plugin's UI module (loaded by the shell on demand): the member's "My Wi-Fi" (login, password rotation,
 * sessions) and the staff "Guest Wi-Fi" vouchers screen. Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './wifi-me.ts'
import './wifi-vouchers.ts'
