/** Header shapes accepted from any runtime: Node's IncomingHttpHeaders, a plain object, or Web `Headers`. */
export type HeaderInput =
  | Headers
  | Record<string, string | string[] | number | undefined>
  | Iterable<readonly [string, string]>;

/** A raw HTTP request as the core sees it: nothing parsed, the body as the exact bytes received. */
export interface WebhookRequest {
  method: string;
  /** Path and query (`/webhooks/rcs/infobip?x=1`) or an absolute URL. */
  url: string;
  headers: HeaderInput;
  /** The raw bytes; a string is taken as its UTF-8 encoding. */
  body: Uint8Array | string;
  /** The peer's IP address, for providers configured with an IP allowlist. */
  remoteAddress?: string;
}

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
