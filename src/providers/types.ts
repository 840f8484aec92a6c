import type { z } from 'zod';
import type { EventDraft } from '../events/types.js';
import type { RequestHeaders } from '../http/headers.js';
import type { WebhookResponse } from '../http/types.js';

/** The request as a provider sees it: raw bytes plus lazily decoded (and memoized) views of them. */
export interface ProviderRequest {
  readonly provider: string;
  readonly method: string;
  /** The URL as received by this server. */
  readonly url: URL;
  /** The URL the provider called (the `publicUrl` option, else the received URL): what URL-signing schemes sign. */
  readonly publicUrl: string;
  /** Path segments after `/<provider>` (e.g. a secret token in the path). */
  readonly pathSegments: readonly string[];
  readonly headers: RequestHeaders;
  readonly body: Uint8Array;
  readonly remoteAddress: string | undefined;
  /** Epoch milliseconds when the request was received (the injectable clock). */
  readonly now: number;
  /** Replay window for timestamped signatures, in seconds (0 disables the check). */
  readonly toleranceSeconds: number;
  /** The body as UTF-8 text; invalid UTF-8 is a `malformed_body` error. */
  text(): string;
  /** The body parsed as JSON; invalid JSON is a `malformed_body` error. */
  json(): unknown;
  /** The body parsed as `application/x-www-form-urlencoded`. */
  form(): URLSearchParams;
}

/** What a signer produces for `rcs-webhooks/testing`: headers to add and, for URL-token schemes, a new URL. */
export interface SignedParts {
  url?: string;
  headers: Record<string, string>;
}

export interface SignInput {
  method: string;
  url: string;
  body: string;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * One provider: everything specific to it lives in its folder and is reached through this shape.
 * The pipeline never branches on a provider's name.
 */
export interface ProviderDefinition<
  Schema extends z.ZodType = z.ZodType,
  Config = unknown,
  Signing = unknown,
> {
  readonly name: string;
  /** Media types the provider sends; any other Content-Type is answered 415. */
  readonly contentTypes: readonly string[];
  /** Methods the provider uses (default: POST only). */
  readonly methods?: readonly string[];
  /** Replay window when the user sets none (seconds). */
  readonly defaultToleranceSeconds?: number;
  /** Handler-failure policy when the user sets none (default `retry`). */
  readonly defaultHandlerErrors?: 'retry' | 'acknowledge';
  /**
   * The provider reports conversation sessions itself (`conversationStarted` events). Providers
   * that do not get derived sessions by default (the `deriveConversations` option).
   */
  readonly reportsConversations?: boolean;
  /** The user's options for this provider, validated at construction time. */
  readonly options: Schema;
  /** Turns validated options into the config used per request (decode keys, build lists). */
  configure(options: z.output<Schema>): Config;
  /** Whether any credential is configured; without one, requests are rejected unless explicitly opted out. */
  hasCredentials(config: Config): boolean;
  /** Options read from environment variables, used when the user passes no `providers` option. */
  fromEnv(env: Readonly<Record<string, string | undefined>>): z.input<Schema> | undefined;
  /** Extra path segments after `/<provider>` the provider understands (default: none). */
  acceptsPath?(segments: readonly string[]): boolean;
  /**
   * What an accepted request is answered with, when the provider expects a particular body
   * (default `{"ok":true}` as JSON). Error answers are the same for every provider.
   */
  readonly acceptedResponse?: WebhookResponse;
  /** Answers a verification handshake before authentication; `undefined` continues the pipeline. */
  handshake?(request: ProviderRequest, config: Config): WebhookResponse | undefined;
  /** Throws `SignatureVerificationError` unless the request is authentic. */
  authenticate(request: ProviderRequest, config: Config): void | Promise<void>;
  /** Validates the body and turns it into events, in the order the provider sent them. */
  normalize(request: ProviderRequest, config: Config): EventDraft[];
  /** Serializes a test body given as an object (default `JSON.stringify`; form providers encode a form). */
  encodeBody?(body: unknown): string;
  /** Produces the headers (and URL) that make a request pass `authenticate`: for tests. */
  sign(input: SignInput, signing: Signing): SignedParts | Promise<SignedParts>;
}

/** Identity function that infers a provider's generic parameters. */
export function defineProvider<Schema extends z.ZodType, Config, Signing>(
  definition: ProviderDefinition<Schema, Config, Signing>,
): ProviderDefinition<Schema, Config, Signing> {
  return definition;
}
