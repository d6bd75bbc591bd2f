/**
 * The visitors plugin's UI module (loaded by the shell on demand): `<visitors-desk>`, the front desk's day (and a
 * member's "My guests") with its registration dialog, and the dashboard widget `<visitors-today-widget>`; both start
 * the host's arrival toast for the page (`host-arrivals.ts`). Routes, tags and the widget are declared in
 * `src/index.ts` (`ui`).
 */
import './visitors-desk.ts'
import './visitors-register-dialog.ts'
import './visitors-today-widget.ts'
