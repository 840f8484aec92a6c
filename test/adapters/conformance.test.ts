import { conformanceSuite } from './conformance/suite.js';
import { inProcessTargets } from './conformance/targets.js';

// The Next.js targets (App Router and Pages Router on a real `next start`) run the same suite in
// next.test.ts, so the Next build runs in parallel with this file.
for (const target of inProcessTargets) conformanceSuite(target);
