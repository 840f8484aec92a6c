import { createRcsWebhooks, type ProvidersOptions, type WebhookRequest } from 'rcs-webhooks';
import { signRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { type LogLine, recordingLogger } from '../helpers/recording-logger.js';
import { seededRandom } from '../helpers/seeded-random.js';

// Issue 14 item 7, in the style of test/hostile/secret-leaks.test.ts: no log line (message or
// fields), in debug mode or not, carries a configured secret or a URL token sent in the path or query.

const random = seededRandom(0x10651);
const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const secret = (label: string) => `${label}-${hex(20)}`;

const S = {
  infobipUser: secret('ibuser'),
  infobipPassword: secret('ibpass'),
  infobipUrlToken: secret('ibtoken'),
  exotelToken: secret('extoken'),
  exotelUser: secret('exuser'),
  exotelPassword: secret('expass'),
  twilio: secret('twauth'),
  sinch: secret('sinchsecret'),
};
const wrongTokens = [secret('wrongtoken'), `${secret('encoded')}%2Fx%20y`];
const forbidden = [
  ...Object.values(S),
  ...Object.values(S).map((value) => `${value}-wrong`),
  ...wrongTokens.flatMap((token) => [token, decodeURIComponent(token)]),
];

const providers: ProvidersOptions = {
  infobip: { basic: { username: S.infobipUser, password: S.infobipPassword }, urlToken: S.infobipUrlToken },
  exotel: { token: S.exotelToken, basic: { username: S.exotelUser, password: S.exotelPassword } },
  twilio: { authToken: S.twilio },
  sinch: { secret: S.sinch },
};
const BODY = JSON.stringify({ results: [{ messageId: 'leak-test', status: { groupName: 'DELIVERED' } }] });
const ORIGIN = 'http://127.0.0.1';

const raw = (method: string, path: string, body = BODY, type = 'application/json'): WebhookRequest => ({
  method,
  url: `${ORIGIN}${path}`,
  headers: { 'content-type': type },
  body,
});

async function requests() {
  const tokens = [S.exotelToken, S.infobipUrlToken, ...wrongTokens];
  const list = tokens.flatMap((token) => [
    raw('POST', `/webhooks/rcs/exotel/${token}/x`),
    raw('POST', `/webhooks/rcs/${token}`),
    raw('POST', `/webhooks/rcs/no/${token}?token=${token}`),
    raw('GET', `/webhooks/rcs/exotel/${token}`),
    raw('PUT', `/webhooks/rcs/infobip?token=${token}`),
    raw('POST', `/webhooks/rcs/exotel/${token}`),
    raw('POST', `/webhooks/rcs/infobip?token=${token}`),
    raw('POST', `/webhooks/rcs/infobip/${token}`),
    raw('POST', `/webhooks/rcs/twilio?token=${token}`, 'x'.repeat(5_000)),
    raw('POST', `/webhooks/rcs/sinch?token=${token}`, BODY, 'image/png'),
  ]);
  for (const token of [S.infobipUrlToken, wrongTokens[0]]) {
    const signings: [string, unknown][] = [
      ['twilio', { authToken: `${S.twilio}-wrong` }],
      ['sinch', { secret: `${S.sinch}-wrong` }],
      ['infobip', { basic: { username: S.infobipUser, password: `${S.infobipPassword}-wrong` } }],
      // Right credentials: accepted, or an unreadable body after authentication.
      ['infobip', { basic: { username: S.infobipUser, password: S.infobipPassword } }],
    ];
    for (const [provider, config] of signings) {
      for (const body of [BODY, '{"malformed": ']) {
        list.push(
          await signRequest({
            provider,
            body,
            config,
            url: `${ORIGIN}/webhooks/rcs/${provider}?token=${token}`,
          } as Parameters<typeof signRequest>[0]),
        );
      }
    }
  }
  return list;
}

function leaks(lines: LogLine[]): string[] {
  const text = lines.map((line) => `${line.message}\n${JSON.stringify(line.fields)}`).join('\n');
  return forbidden.filter((value) => text.includes(value));
}

describe.each([true, false])('debug %s', (debug) => {
  it('never logs a secret or a URL token, at any stage of a request', async () => {
    const logger = recordingLogger();
    const rcs = createRcsWebhooks({ providers, logger, debug, maxBodyBytes: 4_096 });
    rcs.onAny(() => {});
    const statuses = new Set<number>();
    for (const request of await requests()) statuses.add((await rcs.handle(request)).status);
    for (const status of [200, 401, 404, 405, 413, 415]) expect([...statuses]).toContain(status);
    expect(logger.lines.length).toBeGreaterThan(debug ? 40 : 5);
    expect(leaks(logger.lines)).toEqual([]);
  });
});
