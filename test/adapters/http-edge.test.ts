import { httpEdgeSuite } from './conformance/http-edge.js';
import { inProcessTargets } from './conformance/targets.js';

// The Next.js targets run the same suite in next.test.ts (they need the example's build).
for (const target of inProcessTargets) httpEdgeSuite(target);
