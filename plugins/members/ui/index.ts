/**
 * The members plugin's UI module (loaded by the shell on demand): people, one person, organisations. Routes and
 * tags are declared in `src/index.ts` (`ui.routes`).
 */
import './members-list.ts'
import './members-detail.ts'
import './members-organisations.ts'
import './members-profile-sections.ts'
import './members-notes-section.ts'
import './members-activity-section.ts'
