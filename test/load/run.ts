import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ConversationStore, ProvidersOptions, RcsWebhookError } from 'rcs-webhooks';
import { type SignedRequest, signRequest } from 'rcs-webhooks/testing';
import { loadSamples } from '../../examples/samples/index.js';
import { listenApp, type RunningApp } from './app.js';
import { type ClientStats, sendAll, sleep } from './client.js';
import { instrumentStore, newCounters, type StoreCounters } from './instrument.js';
import { Ledger } from './ledger.js';
import { buildPlan, type LoadPlan, type PlannedBody, type PlanOptions } from './plan.js';

/** The origin every instance is reached as (Twilio and Bird sign it): one name behind a load balancer. */
export const PUBLIC_URL = 'https://hooks.load-test.example';

/** A store outage injected mid-run: `stop`, wait `downMs`, `start`. */
export interface Fault {
  /** e.g. "Redis killed (SIGKILL), restarted on its AOF". */
  name: string;
  /** Starts once this share of the requests were settled. */
  atFraction: number;
  downMs: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface LoadRunOptions {
  label: string;
  events: number;
  /** One store per app instance; all instances share whatever backend the stores share. */
  stores: ConversationStore[];
  leaseMs?: number;
  concurrency?: number;
  /** Hard limit for sending (the run then fails with the requests it could not deliver). */
  timeLimitMs: number;
  fault?: Fault;
  /** Check at most this many messages' final status (all reordered ones first). Default: all. */
  messageChecks?: number;
  plan?: Partial<Omit<PlanOptions, 'events' | 'runTag'>>;
  log?: (line: string) => void;
}

export interface LoadRunResult {
  report: string;
  problems: string[];
  plan: LoadPlan;
  client: ClientStats;
  counters: StoreCounters;
  lost: number;
  doubled: number;
  /** Sessions the pipeline derived (each also checked: handled exactly once). */
  derived: number;
  /** Events run twice because their completion could not be recorded (a store fault). */
  rerunAfterFailedCompletion: number;
  fault?: { stoppedAt: number; restartedAt: number; unavailable: number; recoveryMs: number | undefined };
  seconds: number;
}

export async function runLoad(options: LoadRunOptions): Promise<LoadRunResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const runTag = randomBytes(4).toString('hex');
  const plan = buildPlan({ ...options.plan, events: options.events, runTag });
  log(`${options.label}: ${plan.events.length} events in ${plan.requests.length} requests planned`);

  const samples = await loadSamples();
  const providers = Object.fromEntries(
    samples.map((sample) => [sample.provider, sample.options]),
  ) as ProvidersOptions;
  const sampleOf = new Map(samples.map((sample) => [sample.provider, sample]));

  const ledger = new Ledger(plan, options.plan?.failRate);
  const counters = newCounters();
  const errors = new Map<string, number>();
  const apps: RunningApp[] = [];
  try {
    for (const store of options.stores) {
      const app = await listenApp({
        providers,
        store: instrumentStore(store, counters),
        publicUrl: PUBLIC_URL,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        onEvent: ledger.handle,
        onError: (error) => {
          const code = (error as Partial<RcsWebhookError>).code ?? error.name;
          errors.set(code, (errors.get(code) ?? 0) + 1);
        },
      });
      apps.push(app);
    }

    const sign = (body: PlannedBody): Promise<SignedRequest> => {
      const sample = sampleOf.get(body.provider);
      if (sample === undefined) throw new Error(`no sample for ${body.provider}`);
      return signRequest({
        provider: sample.provider,
        body: body.text,
        config: sample.signing,
        url: `${PUBLIC_URL}/webhooks/rcs/${sample.provider}`,
      } as Parameters<typeof signRequest>[0]);
    };

    let faultRun: Promise<{ stoppedAt: number; restartedAt: number }> | undefined;
    const { fault } = options;
    const faultAt = fault === undefined ? Number.POSITIVE_INFINITY : fault.atFraction * plan.requests.length;
    const sendStarted = performance.now();
    const client = await sendAll(plan.requests, {
      targets: apps.map((app) => app.base),
      sign,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      deadline: Date.now() + options.timeLimitMs,
      onSettled: (settled) => {
        if (fault === undefined || faultRun !== undefined || settled < faultAt) return;
        faultRun = (async () => {
          log(`${options.label}: ${fault.name}: stopping at ${settled}/${plan.requests.length} requests`);
          const stoppedAt = Date.now();
          await fault.stop();
          await sleep(fault.downMs);
          await fault.start();
          const restartedAt = Date.now();
          log(`${options.label}: store back after ${restartedAt - stoppedAt} ms`);
          return { stoppedAt, restartedAt };
        })();
        faultRun.catch(() => {}); // awaited (and its error thrown) once sending ends
      },
    });
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    const faultTimes = faultRun === undefined ? undefined : await faultRun;
    log(`${options.label}: sent in ${sendSeconds.toFixed(1)} s; verifying`);

    // --- verification -------------------------------------------------------------------------
    const problems: string[] = [];
    const sampleProblems = (what: string, list: string[]) => {
      if (list.length > 0) problems.push(`${list.length} ${what}: ${list.slice(0, 5).join('; ')}`);
    };
    sampleProblems(
      'requests never acknowledged',
      client.gaveUp.map((item) => `#${item.index} (${item.last})`),
    );
    sampleProblems(
      'requests rejected',
      client.rejected.map((item) => `#${item.index} ${item.status} ${item.body}`),
    );
    sampleProblems('unexpected events', ledger.unexpected);

    const lost: string[] = [];
    const doubled: string[] = [];
    const rerun: string[] = [];
    const unstableIds: string[] = [];
    const supersededWrong: string[] = [];
    const failuresWrong: string[] = [];
    let exactlyOnce = 0;
    for (const event of plan.events) {
      const record = ledger.records.get(event.key);
      if (record === undefined || record.successes === 0) {
        lost.push(event.key);
        continue;
      }
      if (record.successes === 1) exactlyOnce++;
      if (record.successes > 1) {
        const uncertain = ledger.claimKeys(event.key).some((key) => counters.uncertainCompletions.has(key));
        if (uncertain) rerun.push(event.key);
        else doubled.push(`${event.key} ×${record.successes}`);
      }
      if (record.ids.size !== 1) unstableIds.push(`${event.key}: ${[...record.ids].join(', ')}`);
      if (record.superseded !== event.late)
        supersededWrong.push(`${event.key} superseded=${record.superseded}`);
      if (record.failures !== (event.failFirst ? 1 : 0))
        failuresWrong.push(`${event.key} ${record.failures}`);
    }
    // Derived sessions: whatever the pipeline derived must be handled exactly once as well.
    for (const [key, record] of ledger.derived) {
      if (record.successes === 0) lost.push(`derived ${key}`);
      else if (record.successes > 1) {
        if (counters.uncertainCompletions.has(key)) rerun.push(`derived ${key}`);
        else doubled.push(`derived ${key} ×${record.successes}`);
      }
    }
    sampleProblems('events lost (never handled successfully)', lost);
    sampleProblems('events handled more than once', doubled);
    sampleProblems('events handled again after a failed completion', rerun);
    sampleProblems('events with more than one id', unstableIds);
    sampleProblems('reports with the wrong superseded flag', supersededWrong);
    sampleProblems('events with an unexpected number of injected failures', failuresWrong);

    // Final message status through the public API: latest status wins, every report in the history.
    const reordered = plan.messages.filter((message) => message.reports[0] === 'read');
    const others = plan.messages.filter((message) => message.reports[0] !== 'read');
    const limit = options.messageChecks ?? plan.messages.length;
    const toCheck = [...reordered, ...others.slice(0, Math.max(0, limit - reordered.length))];
    const hooks = apps[0]?.hooks;
    const statusWrong: string[] = [];
    let checkIndex = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (checkIndex < toCheck.length && hooks !== undefined) {
          const message = toCheck[checkIndex++];
          if (message === undefined) break;
          const record = await hooks.messages.get(message.messageId, message.provider);
          const expected = message.reports.includes('read') ? 'read' : 'delivered';
          const statuses = record?.history.map((item) => item.status).sort() ?? [];
          const wanted = [...message.reports].sort();
          if (record?.status !== expected || statuses.join() !== wanted.join()) {
            statusWrong.push(
              `${message.provider} ${message.messageId}: ${record?.status ?? 'missing'} [${statuses.join(',')}]`,
            );
          }
        }
      }),
    );
    sampleProblems('messages with a wrong final status or history', statusWrong);

    let faultResult: LoadRunResult['fault'];
    if (faultTimes !== undefined) {
      const unavailable = client.unavailableAt.length;
      const firstAck = client.acknowledgedAt.find((at) => at >= faultTimes.restartedAt);
      faultResult = {
        ...faultTimes,
        unavailable,
        recoveryMs: firstAck === undefined ? undefined : firstAck - faultTimes.restartedAt,
      };
      if (unavailable === 0) problems.push('no request was answered 503 while the store was down');
    } else if (fault !== undefined) {
      problems.push('the fault never started');
    }

    const seconds = (performance.now() - started) / 1000;
    const result: LoadRunResult = {
      report: '',
      problems,
      plan,
      client,
      counters,
      lost: lost.length,
      doubled: doubled.length,
      derived: ledger.derived.size,
      rerunAfterFailedCompletion: rerun.length,
      seconds,
      ...(faultResult === undefined ? {} : { fault: faultResult }),
    };
    result.report = formatReport(options, result, {
      handled: ledger.handled,
      injected: ledger.injected,
      errors,
      checked: toCheck.length,
      reorderedChecked: reordered.length,
      sendSeconds,
      instances: apps.length,
      derived: ledger.derived.size,
      derivedFailFirst: [...ledger.derived.values()].filter((record) => record.failFirst).length,
      exactlyOnce,
    });
    return result;
  } finally {
    await Promise.all(apps.map((app) => app.close()));
  }
}

const n = (value: number) => value.toLocaleString('en-US');

function formatReport(
  options: LoadRunOptions,
  result: LoadRunResult,
  extra: {
    handled: number;
    injected: number;
    errors: Map<string, number>;
    checked: number;
    reorderedChecked: number;
    sendSeconds: number;
    instances: number;
    derived: number;
    derivedFailFirst: number;
    exactlyOnce: number;
  },
): string {
  const { plan, client, counters } = result;
  const statuses = [...client.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${n(count)}`)
    .join(', ');
  const byProvider = Object.entries(plan.byProvider)
    .map(([provider, count]) => `${provider} ${n(count)}`)
    .join(', ');
  const rejected = Object.entries(counters.rejected)
    .map(([method, count]) => `${method} ${n(count)}`)
    .join(', ');
  const errors = [...extra.errors.entries()].map(([code, count]) => `${code} ${n(count)}`).join(', ');
  const lines = [
    `== ${options.label}: ${extra.instances} instance${extra.instances === 1 ? '' : 's'}, concurrency ${options.concurrency ?? 32}`,
    `sent                  ${n(plan.events.length)} events (${byProvider}; Infobip in ${n(plan.batches)} batches)`,
    `                      in ${n(plan.requests.length)} requests (${n(plan.duplicates)} of them duplicates), ${n(client.attempts)} HTTP attempts`,
    `handled               ${n(extra.handled)} successful handler runs; ${n(extra.exactlyOnce)} of the sent events exactly once, ${n(result.lost)} lost, ${n(result.doubled)} doubled`,
    `duplicates suppressed ${n(counters.claims.duplicate)} events acknowledged without running handlers (409 in progress: ${n(counters.claims.in_progress)})`,
    `retries               ${n(client.retries)} (responses ${statuses}${client.networkErrors > 0 ? `, connection errors: ${n(client.networkErrors)}` : ''})`,
    `failures              ${n(extra.injected)} injected handler failures (first attempt of ${n(plan.failFirst + extra.derivedFailFirst)} events; answered 500, retried)`,
    `reordered reports     ${n(plan.reordered)} late 'delivered' sent after 'read' (must be superseded); final status of ${n(extra.checked)} messages checked via messages.get (${n(extra.reorderedChecked)} reordered)`,
  ];
  if (extra.derived > 0) {
    lines.push(
      `derived sessions      ${n(extra.derived)} conversationStarted (derived) events emitted by the pipeline (each must be handled once)`,
    );
  }
  if (rejected !== '') lines.push(`store calls failed    ${rejected}`);
  if (errors !== '') lines.push(`onError               ${errors}`);
  if (result.fault !== undefined && options.fault !== undefined) {
    const { stoppedAt, restartedAt, unavailable, recoveryMs } = result.fault;
    lines.push(
      `store fault           ${options.fault.name}: down ${n(restartedAt - stoppedAt)} ms, ${n(unavailable)} answers 503, first 2xx ${recoveryMs === undefined ? 'never' : `${n(recoveryMs)} ms`} after restart`,
      `                      ${n(counters.uncertainCompletions.size)} completions not confirmed by the store; ${n(result.rerunAfterFailedCompletion)} of those events ran twice`,
    );
  }
  lines.push(
    `time                  ${result.seconds.toFixed(1)} s (sending ${extra.sendSeconds.toFixed(1)} s, ${n(Math.round(plan.events.length / extra.sendSeconds))} events/s)`,
    result.problems.length === 0
      ? 'result                OK'
      : `result                FAILED\n  - ${result.problems.join('\n  - ')}`,
  );
  return lines.join('\n');
}
