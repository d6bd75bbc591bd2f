/**
 * The POS plugin's UI module (loaded by the shell on demand): the front-desk sale screen and the products list with
 * stock and the daily report. Routes and tags are declared in `src/index.ts` (`ui.routes`).
 */
import './pos-sale.ts'
import './pos-products.ts'
