/**
 * The spaces plugin's UI module (loaded by the shell on demand): locations, a location's resources, one resource.
 * Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './spaces-locations.ts'
import './spaces-location.ts'
import './spaces-resource.ts'
