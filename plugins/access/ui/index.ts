/**
 * The access plugin's UI module (loaded by the shell on demand): the doors screen with live status and unlock.
 * Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './access-doors.ts'
