import { type SignedRequest, toWebRequest } from 'rcs-webhooks/testing';
import { expect, it } from 'vitest';
import { acceptedBody } from './accepted.js';
import { type Answer, type CoreOptions, type Harness, handled, jsonAnswer } from './provider-harness.js';

// The authentication cases every provider that signs with a key shares. A provider's auth.test.ts
// describes itself once (an AuthSubject) and calls the groups that apply inside its own describe;
// what only that provider does (its vector, its tampering, its scheme's quirks) stays in its file.

/** The options every provider accepts besides its credentials. */
export interface CommonOptions {
  allowUnauthenticated?: true | undefined;
  toleranceSeconds?: number | undefined;
}

/** Signs `body` at the clock `now`, with the main test key or the second one (`other`). */
export type Signer = (body: unknown, as: { now: number; other: boolean }) => Promise<SignedRequest>;

/** Changes a signed request in place before it is sent. */
export type Mutation = (request: SignedRequest) => void;

/** A provider as the shared cases see it. `O` is its options type. */
export interface AuthSubject<O extends CommonOptions> {
  /** As it is written in prose: 'Sinch'. */
  name: string;
  /** What its credential is called in the case titles: 'secret', 'key', 'clientToken'. */
  key: string;
  /** The fixed clock of its tests (epoch ms) and the URL they sign for. */
  now: number;
  url: string;
  /** The body every case signs: a fixture's exact bytes, or what its signer encodes. */
  body: unknown;
  /** Its options with the main test key; with both keys, the second first (a rotation); the second alone. */
  options: O;
  rotation: { both: O; otherOnly: O };
  harness: (options?: O | CommonOptions, core?: CoreOptions) => Harness;
  sign: Signer;
  /** The headers that carry the signature, each required. */
  signatureHeaders: readonly string[];
  /** Values no error may contain. */
  secrets: readonly string[];
}

type Subject = AuthSubject<CommonOptions>;

/** Signs the subject's body with the main key at its clock, or as `as` says. */
export function signed(subject: Subject, as: { now?: number; other?: boolean } = {}): Promise<SignedRequest> {
  return subject.sign(subject.body, { now: as.now ?? subject.now, other: as.other ?? false });
}

/** Sends the signed body (or `request`) after `mutate`: 401 `code`, no event, no secret in an error. */
export async function expectRejected(
  subject: Subject,
  code: string,
  mutate: Mutation = () => undefined,
  request: Promise<SignedRequest> = signed(subject),
): Promise<void> {
  const { rcs, events, errors } = subject.harness();
  const sent = await request;
  mutate(sent);
  expect(await handled(rcs, sent)).toEqual({ status: 401, body: { error: code } });
  expect(events).toEqual([]);
  for (const error of errors) {
    for (const secret of subject.secrets) expect(error.message).not.toContain(secret);
  }
}

const unauthorized = (error: string): Answer => ({ status: 401, body: { error } });

/** Acceptance, wrong key, missing and doubled headers, rotation, no credentials, content type. */
export function signedRequestCases(subject: Subject): void {
  it('accepts a request signed by the signer, through handle and fetch', async () => {
    const { rcs, events } = subject.harness();
    const accepted = acceptedBody(subject.name.toLowerCase());
    const body = accepted.startsWith('<') ? accepted : JSON.parse(accepted);
    expect(await handled(rcs, signed(subject))).toEqual({ status: 200, body });
    const second = subject.harness();
    const response = await second.rcs.fetch(toWebRequest(await signed(subject)));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(accepted);
    expect(second.events).toStrictEqual(events);
    expect(events).toHaveLength(1);
  });

  it(`rejects a signature made with another ${subject.key}`, () =>
    expectRejected(subject, 'invalid_signature', undefined, signed(subject, { other: true })));

  for (const header of subject.signatureHeaders) {
    it(`rejects a request without ${header}`, () =>
      expectRejected(subject, 'missing_signature', (request) => {
        delete request.headers[header];
      }));

    it(`rejects an empty ${header}`, () =>
      expectRejected(subject, 'missing_signature', (request) => {
        request.headers[header] = '';
      }));
  }

  if (subject.signatureHeaders.length > 1) {
    it('rejects a request without any signature header', () =>
      expectRejected(subject, 'missing_signature', (request) => {
        for (const header of subject.signatureHeaders) delete request.headers[header];
      }));
  }

  for (const header of subject.signatureHeaders) {
    it(`rejects two ${header} headers (joined, they are not one signature)`, async () => {
      const { rcs, events } = subject.harness();
      const request = await signed(subject);
      const value = request.headers[header] ?? '';
      const headers = Object.entries(request.headers).filter(([name]) => name !== header);
      headers.push([header, value], [header, value]);
      expect(jsonAnswer(await rcs.handle({ ...request, headers }))).toEqual(
        unauthorized('invalid_signature'),
      );
      expect(events).toEqual([]);
    });
  }

  it(`accepts any configured ${subject.key} during a rotation`, async () => {
    for (const other of [false, true]) {
      const { rcs, events } = subject.harness(subject.rotation.both);
      expect((await handled(rcs, signed(subject, { other }))).status).toBe(200);
      expect(events).toHaveLength(1);
    }
    const { rcs } = subject.harness(subject.rotation.otherOnly);
    expect(await handled(rcs, signed(subject))).toEqual(unauthorized('invalid_signature'));
  });

  it(`answers 401 credentials_not_configured when no ${subject.key} is configured`, async () => {
    const { rcs, events } = subject.harness({});
    expect(await handled(rcs, signed(subject))).toEqual(unauthorized('credentials_not_configured'));
    expect(events).toEqual([]);
  });

  it('accepts unsigned requests only with allowUnauthenticated', async () => {
    const { body } = await signed(subject);
    for (const url of [new URL(subject.url).pathname, subject.url]) {
      const { rcs, events } = subject.harness({ allowUnauthenticated: true });
      const response = await rcs.handle({ method: 'POST', url, headers: {}, body });
      expect(response.status).toBe(200);
      expect(events).toHaveLength(1);
    }
  });

  it(`answers 415 for a content type ${subject.name} never sends, 405 for GET`, async () => {
    const { rcs } = subject.harness();
    const request = await signed(subject);
    const plain = { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } };
    expect((await rcs.handle(plain)).status).toBe(415);
    expect((await rcs.handle({ ...request, method: 'GET', body: '' })).status).toBe(405);
  });
}

/** A change to a base64 signature, named for the case title. */
export type SignatureChange = [what: string, change: (signature: string) => string];

const twice = (signature: string) =>
  Buffer.concat([Buffer.from(signature, 'base64'), Buffer.from(signature, 'base64')]).toString('base64');

/** The changes any base64 signature must not survive; a provider adds those of its own length. */
export const base64SignatureChanges: readonly SignatureChange[] = [
  ['without padding', (signature) => signature.replace(/=+$/, '')],
  ['with a stray character', (signature) => `${signature.slice(0, 10)}!${signature.slice(11)}`],
  ['with surrounding spaces', (signature) => ` ${signature}`],
  ['hex-encoded', (signature) => Buffer.from(signature, 'base64').toString('hex')],
  ['doubled (twice its bytes)', twice],
  ['not base64 at all', () => 'not a signature'],
];

/** Each change of the shared ones and of `own` made to `header`'s signature: invalid_signature. */
export function base64SignatureCases(
  subject: Subject,
  header: string,
  own: readonly SignatureChange[],
): void {
  for (const [what, change] of [...own, ...base64SignatureChanges]) {
    it(`rejects a signature ${what}`, () =>
      expectRejected(subject, 'invalid_signature', (request) => {
        request.headers[header] = change(request.headers[header] ?? '');
      }));
  }
}
