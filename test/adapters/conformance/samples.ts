import {
  createRcsWebhooks,
  type ProvidersOptions,
  type RcsEvent,
  type RcsWebhooksOptions,
} from 'rcs-webhooks';
import { type SignedRequest, signRequest } from 'rcs-webhooks/testing';
import { loadSamples } from '../../../examples/samples/index.js';
import type { ProviderSample } from '../../../examples/samples/types.js';
import { loadFixture } from '../../helpers/fixtures.js';

export type { ProviderSample };

/** Every implemented provider's demo sample (examples/samples/*.ts): adding one adds it everywhere. */
export const samples: ProviderSample[] = await loadSamples();

export function sampleOf(provider: string): ProviderSample {
  const sample = samples.find((candidate) => candidate.provider === provider);
  if (sample === undefined) throw new Error(`no examples/samples/${provider}.ts`);
  return sample;
}

/** The `providers` option accepting every sample. */
export const allProviders = Object.fromEntries(
  samples.map((sample) => [sample.provider, sample.options]),
) as ProvidersOptions;

export function fixtureBody(sample: ProviderSample, index: number): string {
  const name = sample.fixtures[index];
  if (name === undefined) throw new Error(`examples/samples/${sample.provider}.ts has no fixture #${index}`);
  return loadFixture(sample.provider, name);
}

/** A request for `url` that the sample's configuration accepts (or not, with another `signing`). */
export function sign(
  sample: ProviderSample,
  url: string,
  body: string,
  signing: unknown = sample.signing,
): Promise<SignedRequest> {
  return signRequest({ provider: sample.provider, body, config: signing, url } as Parameters<
    typeof signRequest
  >[0]);
}

/** What a fresh core emits for `request` (kind and id of each event), and its status. */
export async function referenceRun(
  sample: ProviderSample,
  request: SignedRequest,
  options: Pick<RcsWebhooksOptions, 'path'> = {},
) {
  const core = createRcsWebhooks({ providers: { [sample.provider]: sample.options }, ...options });
  const events: Pick<RcsEvent, 'kind' | 'id'>[] = [];
  core.onAny(({ kind, id }) => {
    events.push({ kind, id });
  });
  const response = await core.handle(request);
  return { status: response.status, events };
}

const SECRET_KEY = /(secret|key|token|password)$/i;

/**
 * The signing config with every secret changed by one character (`signingKey`, `privateKey`,
 * `urlToken`, `password`…; not parameters such as `urlTokenParam` or `algorithm`): what a sender
 * with the wrong credentials produces.
 */
export function wrongSigning(sample: ProviderSample): unknown {
  let changed = 0;
  const visit = (value: unknown, key: string): unknown => {
    if (typeof value === 'string' && SECRET_KEY.test(key)) {
      changed++;
      return flipMiddle(value);
    }
    if (Array.isArray(value)) return value.map((item) => visit(item, key));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, visit(item, name)]));
    }
    return value;
  };
  const result = visit(sample.signing, '');
  if (changed === 0) throw new Error(`no secret found in the signing config of ${sample.provider}`);
  return result;
}

function flipMiddle(value: string): string {
  for (let index = Math.floor(value.length / 2); index < value.length; index++) {
    const char = value[index] ?? '';
    const replacement = /[0-8a-yA-Y]/.test(char)
      ? String.fromCharCode(char.charCodeAt(0) + 1)
      : /[9zZ]/.test(char)
        ? String.fromCharCode(char.charCodeAt(0) - 1)
        : undefined;
    if (replacement !== undefined) return `${value.slice(0, index)}${replacement}${value.slice(index + 1)}`;
  }
  return `${value}x`;
}
