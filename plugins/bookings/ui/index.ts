/**
 * The bookings plugin's UI module (loaded by the shell on demand): the staff calendar, the availability finder and
 * members' own bookings. Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './bookings-calendar.ts'
import './bookings-finder.ts'
import './bookings-my.ts'
