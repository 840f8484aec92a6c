import type { z } from 'zod';
import { ConfigurationError } from '../errors/index.js';
import type { CommonProviderOptions } from '../providers/options.js';
import { PROVIDER_NAMES, type ProvidersOptions, providerRegistry } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/types.js';
import { describeOptionIssues } from './option-issues.js';
import { suggestion } from './option-suggestions.js';

/** A provider ready for requests: its definition, its resolved config and the common options. */
export interface ConfiguredProvider {
  definition: ProviderDefinition<z.ZodType, unknown, unknown>;
  config: unknown;
  common: CommonProviderOptions;
}

export function configureProviders(
  input: ProvidersOptions | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, ConfiguredProvider> {
  const configured = new Map<string, ConfiguredProvider>();
  const entries: [string, unknown][] =
    input === undefined
      ? PROVIDER_NAMES.map((name) => [name, providerRegistry[name].fromEnv(env)])
      : Object.entries(input);

  for (const [name, options] of entries) {
    if (options === undefined) continue;
    if (!Object.hasOwn(providerRegistry, name)) {
      throw new ConfigurationError(
        `unknown provider "${name}" in \`providers\`${suggestion(name, PROVIDER_NAMES)}`,
      );
    }
    const definition = providerRegistry[
      name as keyof typeof providerRegistry
    ] as unknown as ProviderDefinition<z.ZodType, unknown, unknown>;
    const parsed = definition.options.safeParse(options);
    if (!parsed.success) {
      const lines = describeOptionIssues(
        definition.options,
        options,
        parsed.error.issues,
        `providers.${name}`,
      );
      throw new ConfigurationError(`invalid options for provider "${name}":\n${lines.join('\n')}`, {
        provider: name,
      });
    }
    const { allowUnauthenticated, toleranceSeconds, handlerErrors } = parsed.data as CommonProviderOptions;
    const common: CommonProviderOptions = {};
    if (allowUnauthenticated !== undefined) common.allowUnauthenticated = allowUnauthenticated;
    if (toleranceSeconds !== undefined) common.toleranceSeconds = toleranceSeconds;
    if (handlerErrors !== undefined) common.handlerErrors = handlerErrors;
    configured.set(name, { definition, config: definition.configure(parsed.data), common });
  }

  if (configured.size === 0) {
    throw new ConfigurationError(
      input === undefined
        ? 'no provider is configured: pass `providers` or set the environment variables listed in the README.'
        : 'no provider is configured: `providers` is empty.',
    );
  }
  return configured;
}
