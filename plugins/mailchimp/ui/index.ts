/**
 * The Mailchimp plugin's UI module (loaded by the shell on demand): the connection, audience, mapping and sync screen.
 * Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './mailchimp-settings.ts'
