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
  /**
   * The URL the client sent, when a framework made `url` relative to where it mounted the handler
   * (Express and Koa `originalUrl`). Routing uses `url`; URL signatures (Twilio, Bird) are checked
   * against this one. Default: `url`.
   */
  originalUrl?: string;
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
