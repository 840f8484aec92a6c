import { envList } from '../options.js';
import type { ExotelOptions } from './options.js';

/**
 * `RCS_EXOTEL_TOKEN` (comma-separated for rotation), `RCS_EXOTEL_TOKEN_PARAM`,
 * `RCS_EXOTEL_USERNAME` + `RCS_EXOTEL_PASSWORD`, `RCS_EXOTEL_IP_ALLOWLIST` (comma-separated ranges),
 * `RCS_EXOTEL_TRUST_PROXY` (`false`, a hop count, or comma-separated proxy ranges),
 * `RCS_EXOTEL_ALLOWLIST_ONLY=true`.
 */
export function exotelFromEnv(env: Readonly<Record<string, string | undefined>>): ExotelOptions | undefined {
  const options: ExotelOptions = {};
  const tokens = envList(env.RCS_EXOTEL_TOKEN);
  if (tokens !== undefined) options.token = tokens;
  const { RCS_EXOTEL_USERNAME: username, RCS_EXOTEL_PASSWORD: password } = env;
  if (username !== undefined && password !== undefined) options.basic = { username, password };
  const ranges = envList(env.RCS_EXOTEL_IP_ALLOWLIST);
  if (ranges !== undefined) options.ipAllowlist = ranges;
  // Without any of the above Exotel is not configured from the environment at all.
  if (Object.keys(options).length === 0) return undefined;

  if (env.RCS_EXOTEL_TOKEN_PARAM !== undefined) options.tokenParam = env.RCS_EXOTEL_TOKEN_PARAM;
  const trustProxy = env.RCS_EXOTEL_TRUST_PROXY?.trim();
  if (trustProxy === 'false') options.trustProxy = false;
  else if (trustProxy !== undefined && /^\d+$/.test(trustProxy)) options.trustProxy = Number(trustProxy);
  else if (trustProxy !== undefined && trustProxy !== '') options.trustProxy = envList(trustProxy) ?? [];
  if (env.RCS_EXOTEL_ALLOWLIST_ONLY === 'true') options.allowlistOnly = true;
  return options;
}
