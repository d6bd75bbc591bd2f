/**
 * The PaperCut plugin's UI module (loaded by the shell on demand): the staff screen of people's PaperCut sync
 * (`papercut-accounts`) and the member's print balance and usage (`papercut-me`). Routes and tags are declared in
 * `src/index.ts` (`ui.routes`).
 */
import './papercut-accounts.ts'
import './papercut-me.ts'
