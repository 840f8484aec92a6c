import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomUUID,
  sign,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './rpc.js';

// Fixed bench credentials (never real ones): the servers and the load generator derive the same.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX_BYTES = 12;
const ED25519_SEED = createHash('sha256').update('rcs-webhooks bench ed25519 key').digest();

export const ED25519_PRIVATE_KEY: KeyObject = createPrivateKey({
  key: Buffer.concat([PKCS8_PREFIX, ED25519_SEED]),
  format: 'der',
  type: 'pkcs8',
});
export const ED25519_PUBLIC_KEY: KeyObject = createPublicKey(ED25519_PRIVATE_KEY);
/** The raw 32-byte public key in base64, as the Telnyx portal shows it. */
export const ED25519_PUBLIC_KEY_BASE64 = ED25519_PUBLIC_KEY.export({ format: 'der', type: 'spki' })
  .subarray(SPKI_PREFIX_BYTES)
  .toString('base64');

export const HMAC_SECRET = 'bench-hmac-secret-0123456789abcdef';
/** GitHub's header, so the very same request satisfies @octokit/webhooks and the Infobip HMAC config. */
export const HMAC_HEADER = 'x-hub-signature-256';
export const HMAC_PREFIX = 'sha256=';
export const BASIC = { username: 'bench', password: 'bench-password' } as const;

export const TELNYX_PATH = '/webhooks/rcs/telnyx';
export const INFOBIP_PATH = '/webhooks/rcs/infobip';

export type WorkloadName = 'telnyx-ed25519' | 'infobip-hmac';

export interface PreparedRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

function fixture(relative: string): unknown {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures', relative), 'utf8'));
}

/** A minified fixture with placeholders, split once so each body is a cheap join. */
function template(value: unknown, placeholders: readonly string[]): (values: readonly string[]) => string {
  let text = JSON.stringify(value);
  const parts: string[] = [];
  const order: number[] = [];
  for (;;) {
    let first = -1;
    let which = -1;
    placeholders.forEach((placeholder, index) => {
      const at = text.indexOf(placeholder);
      if (at !== -1 && (first === -1 || at < first)) {
        first = at;
        which = index;
      }
    });
    if (first === -1) break;
    parts.push(text.slice(0, first));
    order.push(which);
    text = text.slice(first + (placeholders[which] ?? '').length);
  }
  parts.push(text);
  return (values) => {
    let out = parts[0] ?? '';
    for (let index = 0; index < order.length; index++) {
      out += (values[order[index] ?? 0] ?? '') + (parts[index + 1] ?? '');
    }
    return out;
  };
}

interface TelnyxFixture {
  data: { id: string; payload: { id: string } };
}

let telnyxTemplate: ((values: readonly string[]) => string) | undefined;
/** A Telnyx `message.finalized` (delivered) webhook with a fresh event id and message id. */
export function telnyxBody(): string {
  if (telnyxTemplate === undefined) {
    const value = fixture('telnyx/seed-message-finalized-delivered.json') as TelnyxFixture;
    value.data.id = '@EVENT@';
    value.data.payload.id = '@MESSAGE@';
    telnyxTemplate = template(value, ['@EVENT@', '@MESSAGE@']);
  }
  return telnyxTemplate([randomUUID(), randomUUID()]);
}

interface InfobipFixture {
  results: { messageId: string; bulkId: string; to: string }[];
}

let infobipReportTemplate: ((values: readonly string[]) => string) | undefined;
/** One Infobip RCS delivery report (the full documented example) with a fresh message id. */
export function infobipReport(): string {
  if (infobipReportTemplate === undefined) {
    const value = fixture('infobip/notes-delivery-report-full.json') as InfobipFixture;
    const [report] = value.results;
    if (report === undefined) throw new Error('the Infobip delivery fixture has no result');
    report.messageId = '@MESSAGE@';
    report.bulkId = '@BULK@';
    report.to = '@TO@';
    infobipReportTemplate = template(report, ['@MESSAGE@', '@BULK@', '@TO@']);
  }
  const phone = `4479${Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0')}`;
  return infobipReportTemplate([randomUUID(), randomUUID(), phone]);
}

/** `{ "results": [ … ] }` with `count` distinct delivery reports. */
export function infobipBatch(count: number): string {
  const reports: string[] = [];
  for (let index = 0; index < count; index++) reports.push(infobipReport());
  return `{"results":[${reports.join(',')}]}`;
}

export function hmacSignature(body: Buffer): string {
  return `${HMAC_PREFIX}${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`;
}

/**
 * `count` requests that are each a distinct event (fresh ids), so idempotency never turns them into
 * duplicates, signed the way the provider signs them.
 */
export function buildRequests(workload: WorkloadName, count: number): PreparedRequest[] {
  const requests: PreparedRequest[] = [];
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const separator = Buffer.from(`${timestamp}|`);
  for (let index = 0; index < count; index++) {
    if (workload === 'telnyx-ed25519') {
      const body = Buffer.from(telnyxBody());
      const signature = sign(null, Buffer.concat([separator, body]), ED25519_PRIVATE_KEY).toString('base64');
      requests.push({
        method: 'POST',
        path: TELNYX_PATH,
        headers: {
          'content-type': 'application/json',
          'telnyx-timestamp': timestamp,
          'telnyx-signature-ed25519': signature,
        },
        body,
      });
    } else {
      const body = Buffer.from(`{"results":[${infobipReport()}]}`);
      requests.push({
        method: 'POST',
        path: INFOBIP_PATH,
        headers: {
          'content-type': 'application/json',
          [HMAC_HEADER]: hmacSignature(body),
          // What @octokit/webhooks requires; rcs-webhooks ignores them. Both servers get the same bytes.
          'x-github-event': 'push',
          'x-github-delivery': randomUUID(),
        },
        body,
      });
    }
  }
  return requests;
}
