import { providerRegistry } from '../../src/providers/registry.js';

/** The body an accepted request of `provider` is answered with: `{"ok":true}`, or its own (Twilio: TwiML). */
export function acceptedBody(provider: string): string {
  const definitions: Record<string, { acceptedResponse?: { body: string } }> = providerRegistry;
  return definitions[provider]?.acceptedResponse?.body ?? '{"ok":true}';
}
