import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { createRcsWebhooks, type RcsEvent } from 'rcs-webhooks';
import { type SignRequestInput, signRequest } from 'rcs-webhooks/testing';
import { describe, expect, it } from 'vitest';
import { loadSamples, samplePayload } from '../../examples/samples/index.js';
import type { ProviderSample } from '../../examples/samples/types.js';
import { loadFixture } from '../helpers/fixtures.js';

// Documentation placeholders a newcomer must not see in `npm start` (issue 14 item 11).
const PLACEHOLDERS = [
  /<[A-Za-z]+(?: [A-Za-z]+)+>/, // <RCS message id>, <platform id> (not TwiML's <Response>)
  /YOUR_|your_/,
  /…/,
  /\bmy-agent\b|DemoSender|suggestionText|suggestionPostbackData|Example (entity|application) id/,
  /"(msg-123|string|1234|5678|9012|xyz\.jpg)"/,
  /[A-Z]{2}0{28}\d{4}/, // all-zero Twilio SIDs
];

const samples = await loadSamples();
const rootUrl = new URL('../../', import.meta.url);

/** Every key path and the JSON type at it (Google's base64 `message.data` decoded, Twilio's forms split). */
function shape(provider: string, body: string): string[] {
  if (provider === 'twilio') return [...new URLSearchParams(body).keys()].sort();
  const paths: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (provider === 'google' && key === 'data' && typeof value === 'string') {
          walk(JSON.parse(Buffer.from(value, 'base64').toString('utf8')), `${path}.data(decoded)`);
        } else walk(value, `${path}.${key}`);
      }
    } else paths.push(`${path}: ${node === null ? 'null' : typeof node}`);
  };
  walk(JSON.parse(body), '');
  return paths.sort();
}

async function kindsOf(
  sample: ProviderSample,
  load: (name: string) => string,
  env?: Readonly<Record<string, string | undefined>>,
) {
  const events: RcsEvent[] = [];
  const rcs = createRcsWebhooks(
    env === undefined ? { providers: { [sample.provider]: sample.options } } : { env },
  );
  rcs.onAny((event) => {
    events.push(event);
  });
  for (const name of sample.fixtures) {
    const input = { provider: sample.provider, body: load(name), config: sample.signing } as SignRequestInput;
    expect((await rcs.handle(await signRequest(input))).status, `${sample.provider} ${name}`).toBe(200);
  }
  return events.map((event) => event.kind);
}

describe('the demo (npm start) sends realistic sample payloads', () => {
  it.each(samples.map((sample) => [sample.provider, sample] as const))(
    '%s: each payload is its test fixture with realistic values, and normalizes to the same event kinds',
    async (provider, sample) => {
      for (const name of sample.fixtures) {
        const payload = samplePayload(provider, name);
        expect(shape(provider, payload), name).toEqual(shape(provider, loadFixture(provider, name)));
        const text =
          provider === 'google'
            ? `${payload}\n${Buffer.from(JSON.parse(payload).message?.data ?? '', 'base64').toString('utf8')}`
            : decodeURIComponent(payload.replaceAll('+', ' '));
        for (const placeholder of PLACEHOLDERS)
          expect(text, `${name}: ${placeholder}`).not.toMatch(placeholder);
      }
      const fromFixtures = await kindsOf(sample, (name) => loadFixture(provider, name));
      expect(await kindsOf(sample, (name) => samplePayload(provider, name))).toEqual(fromFixtures);
    },
  );

  it('.env.example configures every demo provider: the demo-signed samples are accepted', async () => {
    const env = parseEnv(readFileSync(new URL('.env.example', rootUrl), 'utf8'));
    for (const sample of samples) {
      const kinds = await kindsOf(sample, (name) => samplePayload(sample.provider, name), env);
      expect(kinds.length, sample.provider).toBeGreaterThan(0);
    }
  });

  it('prints no documentation placeholder and gets no unexpected response', () => {
    const output = execFileSync('npx', ['--no-install', 'tsx', 'examples/demo.ts'], {
      cwd: rootUrl,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(output).toMatch(/\d+ events handled from 8 providers; 0 unexpected responses\./);
    for (const placeholder of PLACEHOLDERS) expect(output).not.toMatch(placeholder);
  }, 90_000);
});
