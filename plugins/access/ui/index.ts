/**
 * The access plugin's UI module (loaded by the shell on demand): the staff doors screen (live status, unlock)
 * the members' "My doors" (unlock, new PIN), the staff printers screen (state, test page, latest jobs) and the doors setup
 * (agents, doors, groups and schedules, remote-unlock log); the member profile's door credentials section.
 * Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './access-doors.ts'
import './access-my-doors.ts'
import './access-printers.ts'
import './access-alerts-widget.ts'
import './access-setup.ts'
import './access-profile-section.ts'
