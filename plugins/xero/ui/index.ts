/**
 * The Xero plugin's UI module (loaded by the shell on demand): connection, account/tax mapping, sync log and
 * reconciliation. Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './xero-connection.ts'
import './xero-mapping.ts'
import './xero-sync-log.ts'
import './xero-reconciliation.ts'
