import { ConfigurationError } from '../../src/errors/index.js';

export interface ConnectionUrlRule {
  /** `redisStore({ url })`, for the message. */
  option: string;
  /** Accepted URL schemes, with their colon: `redis:`. */
  protocols: readonly string[];
  /** The expected form, shown in the message: `redis://host:port`. */
  form: string;
  /** The same for a local server: `redis://localhost:6379`. */
  example: string;
}

/**
 * Refuses a connection string that is not a URL of an accepted scheme, at construction rather than
 * at the first request (the client library would throw a bare `TypeError: Invalid protocol` then).
 * The message never repeats the string: it may hold a password.
 */
export function checkConnectionUrl(value: unknown, rule: ConnectionUrlRule): void {
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(`${rule.option} must be a non-empty string such as ${rule.form}`);
  }
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== undefined && rule.protocols.includes(protocol)) return;
  const schemes = rule.protocols.map((p) => `${p}//`).join(' or ');
  throw new ConfigurationError(
    `${rule.option} must be a URL such as ${rule.form}; the value given ${
      protocol === undefined ? 'is not a URL' : `does not start with ${schemes}`
    } (for a local server: ${rule.example})`,
  );
}
