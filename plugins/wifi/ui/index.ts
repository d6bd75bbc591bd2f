/**
 * The Wi-Fi plugin's UI module (loaded by the shell on demand): the member's "My Wi-Fi" (login, password rotation,
 * sessions), the staff "Guest Wi-Fi" vouchers screen, and the Wi-Fi section of a member's profile
 * (`wifi-profile-section`). Routes, tags and the profile section are declared in `src/index.ts` (`ui`).
 */
import './wifi-me.ts'
import './wifi-vouchers.ts'
import './wifi-profile-section.ts'
