/**
 * The load generator: autocannon in its own process, against a server in another one. Request
 * pools are built (and signed) before a run starts, never during it, and every request of a pool is
 * a distinct event, so idempotency never turns the measured traffic into cheap duplicates.
 */
import autocannon from 'autocannon';
import { serveRpc } from './rpc.js';
import type { LoadgenApi, RunParams, RunResult } from './specs.js';
import { percentile } from './stats.js';
import { buildRequests, type PreparedRequest } from './workloads.js';

const pools = new Map<string, PreparedRequest[]>();

function pool(params: RunParams): PreparedRequest[] {
  const key = `${params.workload}:${params.poolKey}`;
  let requests = pools.get(key);
  if (requests === undefined || requests.length < params.poolSize) {
    requests = buildRequests(params.workload, params.poolSize);
    pools.set(key, requests);
  }
  return requests;
}

function run(params: RunParams): Promise<RunResult> {
  const requests = pool(params);
  let cursor = 0;
  let wrapped = false;
  const latencies: number[] = [];
  let responses = 0;
  let lastResponseAt = 0;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${params.port}`,
        connections: params.connections,
        pipelining: 1,
        timeout: 20,
        ...(params.amount === undefined ? {} : { amount: params.amount }),
        ...(params.duration === undefined ? {} : { duration: params.duration }),
        ...(params.rate === undefined ? {} : { overallRate: params.rate }),
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const next = requests[cursor++];
              if (cursor >= requests.length) {
                cursor = 0;
                wrapped = true;
              }
              if (next === undefined) return request;
              return { ...request, path: next.path, headers: next.headers, body: next.body };
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        // Not the callback's time: autocannon notices the end of an `amount` run on its 1 s ticker.
        const elapsedMs = lastResponseAt - started;
        latencies.sort((a, b) => a - b);
        const statusCodes: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {}))
          statusCodes[code] = count;
        if (wrapped) statusCodes.poolWrapped = 1;
        const completed = responses;
        resolve({
          completed,
          elapsedMs,
          rps: (completed / elapsedMs) * 1000,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      responses++;
      lastResponseAt = performance.now();
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

const api: LoadgenApi = {
  run,
  async dropPools() {
    pools.clear();
    return null;
  },
};

serveRpc(api);
