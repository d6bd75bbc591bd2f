/**
 * The PaperCut plugin's UI module (loaded by the shell on demand): the staff screen of people's PaperCut sync
 * (`papercut-accounts`), the member's print balance and usage (`papercut-me`), and the print account section of a
 * member's profile (`papercut-profile-section`). Routes, tags and the profile section are declared in `src/index.ts`
 * (`ui`).
 */
import './papercut-accounts.ts'
import './papercut-me.ts'
import './papercut-profile-section.ts'
