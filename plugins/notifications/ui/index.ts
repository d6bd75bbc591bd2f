/**
 * The notifications plugin's UI module (loaded by the shell on demand): a person's e-mail preferences
 * (`notifications-preferences`), the admin's e-mail settings with a test send (`notifications-settings`) and the
 * sent-mail log with retry (`notifications-log`). Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './notifications-preferences.ts'
import './notifications-settings.ts'
import './notifications-log.ts'
