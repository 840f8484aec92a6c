import { rcsPagesHandler } from 'rcs-webhooks/next';
import { createCore } from '../../../../lib/rcs.js';

// Pages Router variant (an app needs only one of the two). Next must leave the body unread:
// rcs-webhooks verifies signatures over the exact bytes.
export const config = { api: { bodyParser: false } };

export default rcsPagesHandler(() => createCore('/api/webhooks/rcs'));
