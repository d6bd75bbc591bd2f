/**
 * The bookings plugin's UI module (loaded by the shell on demand): the staff calendar, the availability finder,
 * members' own bookings and the dashboard widgets (now & next, arrivals, no-shows). Routes, tags and widgets are
 * declared in `src/index.ts` (`ui.routes`, `ui.widgets`).
 */
import './bookings-calendar.ts'
import './bookings-finder.ts'
import './bookings-my.ts'
import './widgets/bookings-now-widget.ts'
import './widgets/bookings-arrivals-widget.ts'
import './widgets/bookings-no-shows-widget.ts'
import './profile/bookings-profile-section.ts'
