import { createRcsWebhooks, type RcsEvent, type RcsWebhooksOptions } from 'rcs-webhooks';
import { signRequest } from 'rcs-webhooks/testing';

export const INFOBIP_BASIC = { username: 'infobip-user', password: 'infobip-password' };

/** A core with Infobip Basic auth that records every event it emits. */
export function infobipCore(options: Omit<RcsWebhooksOptions, 'providers'> = {}) {
  const rcs = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, ...options });
  const events: RcsEvent[] = [];
  rcs.onAny((event) => {
    events.push(event);
  });
  return { rcs, events };
}

export function signedInfobip(body: unknown, url?: string) {
  return signRequest({
    provider: 'infobip',
    body,
    config: { basic: INFOBIP_BASIC },
    ...(url ? { url } : {}),
  });
}
