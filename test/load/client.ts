import { Agent, request as httpRequest } from 'node:http';
import type { SignedRequest } from 'rcs-webhooks/testing';
import type { PlannedBody, PlannedRequest } from './plan.js';

/**
 * The providers' side of the load test: sends the planned requests over loopback with bounded
 * concurrency, and retries every non-2xx answer (and connection errors) with a small capped,
 * jittered exponential backoff, as providers do, until a 2xx, the attempt limit or the deadline.
 * A request is sent only once the requests it depends on were settled (reordered status reports).
 */
export interface ClientOptions {
  /** Instance origins (`http://127.0.0.1:port`); attempt n of request i goes to instance (i + n) % count. */
  targets: string[];
  sign(body: PlannedBody): Promise<SignedRequest>;
  concurrency?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Per attempt. */
  requestTimeoutMs?: number;
  /** Epoch ms after which nothing more is sent (requests then count as given up). */
  deadline: number;
  /** Called after each request is settled (acknowledged or given up), with the number settled so far. */
  onSettled?(settled: number): void;
}

export interface ClientStats {
  requests: number;
  attempts: number;
  retries: number;
  byStatus: Map<number, number>;
  networkErrors: number;
  /** Requests that never got a 2xx (attempt limit or deadline), with their last answer. */
  gaveUp: { index: number; last: string }[];
  /** Answers that no retry can fix (4xx other than 408/409): a broken plan or a library bug. */
  rejected: { index: number; status: number; body: string }[];
  /** Epoch ms of every 503 answer (to show when the store was reported down). */
  unavailableAt: number[];
  /** Epoch ms of every 2xx answer. */
  acknowledgedAt: number[];
}

const RETRIABLE_4XX = new Set([408, 409, 425, 429]);

export async function sendAll(requests: PlannedRequest[], options: ClientOptions): Promise<ClientStats> {
  const concurrency = options.concurrency ?? 32;
  const maxAttempts = options.maxAttempts ?? 40;
  const base = options.backoffBaseMs ?? 20;
  const cap = options.backoffCapMs ?? 1_000;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, keepAliveMsecs: 10_000 });
  const stats: ClientStats = {
    requests: requests.length,
    attempts: 0,
    retries: 0,
    byStatus: new Map(),
    networkErrors: 0,
    gaveUp: [],
    rejected: [],
    unavailableAt: [],
    acknowledgedAt: [],
  };
  const started = new Uint8Array(requests.length);
  const settled = new Uint8Array(requests.length);
  let settledChange = deferred();
  const signed = new Map<PlannedBody, Promise<SignedRequest>>();
  let cursor = 0; // every request before it was started
  let settledCount = 0;

  /**
   * The first request (in plan order, within a window) whose dependencies are all settled: a request
   * waiting for an earlier one does not hold a connection meanwhile.
   */
  const take = async (): Promise<PlannedRequest | undefined> => {
    for (;;) {
      while (cursor < requests.length && started[cursor] === 1) cursor++;
      if (cursor >= requests.length || Date.now() >= options.deadline) return undefined;
      const end = Math.min(requests.length, cursor + 512);
      for (let index = cursor; index < end; index++) {
        const request = requests[index];
        if (request === undefined || started[index] === 1) continue;
        if (request.deps.every((dep) => settled[dep] === 1)) {
          started[index] = 1;
          return request;
        }
      }
      const change = settledChange.promise;
      await Promise.race([change, sleep(200)]);
    }
  };

  const sendOne = async (request: PlannedRequest): Promise<void> => {
    // Signed when first sent (timestamps are fresh); a duplicate resends the same signed request.
    let signing = signed.get(request.body);
    if (signing === undefined) {
      signing = options.sign(request.body);
      signed.set(request.body, signing);
    }
    const signedRequest = await signing;
    const url = new URL(signedRequest.url);
    const path = `${url.pathname}${url.search}`;
    let last = 'not sent';
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (Date.now() >= options.deadline) break;
      if (attempt > 0) {
        stats.retries++;
        const delay = Math.min(cap, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
        await sleep(Math.min(delay, Math.max(0, options.deadline - Date.now())));
      }
      const target = options.targets[(request.index + attempt) % options.targets.length] ?? '';
      stats.attempts++;
      let answer: { status: number; body: string };
      try {
        answer = await post(agent, `${target}${path}`, signedRequest, timeoutMs);
      } catch (error) {
        stats.networkErrors++;
        last = error instanceof Error ? error.message : String(error);
        continue;
      }
      stats.byStatus.set(answer.status, (stats.byStatus.get(answer.status) ?? 0) + 1);
      last = `${answer.status} ${answer.body}`;
      if (answer.status >= 200 && answer.status < 300) {
        stats.acknowledgedAt.push(Date.now());
        return;
      }
      if (answer.status === 503) stats.unavailableAt.push(Date.now());
      if (answer.status >= 400 && answer.status < 500 && !RETRIABLE_4XX.has(answer.status)) {
        stats.rejected.push({ index: request.index, status: answer.status, body: answer.body });
        return;
      }
    }
    stats.gaveUp.push({ index: request.index, last });
  };

  const worker = async () => {
    for (let request = await take(); request !== undefined; request = await take()) {
      try {
        await sendOne(request);
      } finally {
        settled[request.index] = 1;
        settledChange.resolve();
        settledChange = deferred();
        options.onSettled?.(++settledCount);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  // Requests never started before the deadline.
  started.forEach((flag, index) => {
    if (flag === 0) stats.gaveUp.push({ index, last: 'deadline' });
  });
  return stats;
}

function post(
  agent: Agent,
  url: string,
  signed: SignedRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(signed.body, 'utf8');
    const req = httpRequest(
      url,
      {
        method: signed.method,
        agent,
        headers: { ...signed.headers, 'content-length': String(body.length) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
