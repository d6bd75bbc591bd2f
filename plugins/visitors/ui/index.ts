/**
 * The visitors plugin's UI module (loaded by the shell on demand): `<visitors-desk>`, the front desk's day (and a
 * member's "My guests"), with its registration dialog. Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './visitors-desk.ts'
import './visitors-register-dialog.ts'
