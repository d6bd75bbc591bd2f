/**
 * The spaces plugin's UI module (loaded by the shell on demand): locations, a location's resources, one resource, and
 * the dashboard's occupancy widget. Routes, tags and the widget are declared in `src/index.ts` (`ui.routes`, `ui.widgets`).
 */
import './spaces-locations.ts'
import './spaces-location.ts'
import './spaces-resource.ts'
import './spaces-occupancy-widget.ts'
