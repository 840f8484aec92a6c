import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { readEd25519PublicKey } from '../../crypto/ed25519.js';
import { ConfigurationError } from '../../errors/index.js';
import { envList, providerOptions, secretList, toList } from '../options.js';

export const telnyxOptions = providerOptions({
  /**
   * The account's Ed25519 public key (Mission Control → Keys & Credentials → Public Key): base64 of
   * the raw 32-byte key as the portal shows it, or an SPKI key (base64 DER or PEM). Several during a rotation.
   */
  publicKey: secretList.optional(),
});

export type TelnyxOptions = z.input<typeof telnyxOptions>;

export interface TelnyxConfig {
  /** Parsed once here, never per request. */
  publicKeys: KeyObject[];
}

export function configureTelnyx(options: z.output<typeof telnyxOptions>): TelnyxConfig {
  const publicKeys = toList(options.publicKey).map((value, index) => {
    const { key, problem } = readEd25519PublicKey(value);
    if (key === undefined) {
      // The position and the reason, never the value: a misplaced private key must not end up in logs.
      throw new ConfigurationError(
        `telnyx publicKey${Array.isArray(options.publicKey) ? `[${index}]` : ''} is refused: ${problem} ` +
          '(expected the base64 key from the Telnyx portal: 32 raw bytes, or an SPKI DER/PEM key)',
        { provider: 'telnyx' },
      );
    }
    return key;
  });
  return { publicKeys };
}

/** `RCS_TELNYX_PUBLIC_KEY`: one key, or several separated by commas during a rotation. */
export function telnyxFromEnv(env: Readonly<Record<string, string | undefined>>): TelnyxOptions | undefined {
  const publicKeys = envList(env.RCS_TELNYX_PUBLIC_KEY);
  return publicKeys === undefined ? undefined : { publicKey: publicKeys };
}
