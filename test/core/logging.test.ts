import pino from 'pino';
import { createRcsWebhooks, type RcsLogger } from 'rcs-webhooks';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { INFOBIP_BASIC, infobipCore, signedInfobip } from '../helpers/infobip.js';
import { recordingLogger } from '../helpers/recording-logger.js';

const delivery = (messageId: string) => ({
  results: [
    { messageId, to: '441134960001', status: { groupName: 'DELIVERED', name: 'DELIVERED_TO_HANDSET' } },
  ],
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('debug: one line per request', () => {
  it('names the provider, status, events and whether each was a duplicate', async () => {
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger, debug: true });
    const signed = await signedInfobip(delivery('msg-1'));
    expect((await rcs.handle(signed)).status).toBe(200);
    expect((await rcs.handle(signed)).status).toBe(200);

    const lines = logger.at('debug');
    expect(lines).toHaveLength(2);
    const [first, second] = lines;
    expect(first?.message).toMatch(/^rcs-webhooks: infobip → 200: delivery \S+ handled$/);
    expect(first?.fields).toMatchObject({ provider: 'infobip', status: 200, duplicate: false });
    expect(second?.message).toMatch(
      /infobip → 200: delivery \S+ duplicate \(handled before: handlers not run again\)/,
    );
    expect(second?.fields).toMatchObject({
      duplicate: true,
      events: [{ kind: 'delivery', outcome: 'duplicate' }],
    });
    // The startup line says where the per-request lines go.
    expect(logger.at('info')[0]?.message).toMatch(/debug on: POST \/webhooks\/rcs\/<provider> for infobip/);
  });

  it('says when no handler was subscribed to the kind of an event', async () => {
    const logger = recordingLogger();
    const rcs = createRcsWebhooks({ providers: { infobip: { basic: INFOBIP_BASIC } }, logger, debug: true });
    await rcs.handle(await signedInfobip(delivery('msg-2')));
    expect(logger.at('debug')[0]?.message).toContain('(no handler subscribed to delivery)');
    const unsubscribe = rcs.onDelivery(() => {});
    await rcs.handle(await signedInfobip(delivery('msg-3')));
    expect(logger.at('debug')[1]?.message).not.toContain('no handler');
    unsubscribe();
    await rcs.handle(await signedInfobip(delivery('msg-4')));
    expect(logger.at('debug')[2]?.message).toContain('(no handler subscribed to delivery)');
  });

  it('gives the reason code of a refused request', async () => {
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger, debug: true });
    const signed = await signedInfobip(delivery('msg-5'));
    await rcs.handle({ ...signed, headers: { 'content-type': 'application/json' } });
    await rcs.handle({ ...signed, method: 'GET' });
    const messages = logger.at('debug').map((line) => line.message);
    expect(messages[0]).toMatch(/^rcs-webhooks: infobip → 401 missing_signature/);
    expect(messages[1]).toMatch(/^rcs-webhooks: infobip → 405 method_not_allowed/);
  });

  it('is switched on by RCS_WEBHOOKS_DEBUG in `env`, and off by default', async () => {
    const on = recordingLogger();
    const off = recordingLogger();
    const providers = { infobip: { basic: INFOBIP_BASIC } };
    const withEnv = createRcsWebhooks({ providers, logger: on, env: { RCS_WEBHOOKS_DEBUG: '1' } });
    const without = createRcsWebhooks({ providers, logger: off, env: {} });
    const signed = await signedInfobip(delivery('msg-6'));
    await withEnv.handle(signed);
    await without.handle(signed);
    expect(on.at('debug')).toHaveLength(1);
    expect(off.lines).toEqual([]);
    expect(() => createRcsWebhooks({ providers, env: { RCS_WEBHOOKS_DEBUG: 'maybe' } })).toThrow(
      /RCS_WEBHOOKS_DEBUG must be 1 or 0/,
    );
  });

  it('logs the outcome of inbox attempts', async () => {
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger, debug: true, inbox: { autoStart: false } });
    await rcs.handle(await signedInfobip(delivery('msg-7')));
    await rcs.inbox.drain();
    const messages = logger.at('debug').map((line) => line.message);
    expect(messages[0]).toMatch(/infobip → 200: delivery \S+ queued to the inbox/);
    expect(messages[1]).toMatch(/infobip inbox: delivery \S+ handled/);
  });
});

describe('outside debug: problems only, rate-limited', () => {
  it('warns on a refused request, once per provider and code a minute, then counts the suppressed ones', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger });
    const signed = await signedInfobip(delivery('msg-8'));
    const unsigned = { ...signed, headers: { 'content-type': 'application/json' } };
    for (let i = 0; i < 6; i++) expect((await rcs.handle(unsigned)).status).toBe(401);
    // Another code is another line.
    await rcs.handle({ ...signed, method: 'PUT' });
    expect(logger.lines.map((line) => [line.level, line.fields.code])).toEqual([
      ['warn', 'missing_signature'],
      ['warn', 'method_not_allowed'],
    ]);
    expect(logger.lines[0]?.message).toMatch(/^rcs-webhooks: infobip: missing_signature \(401\): /);

    vi.setSystemTime(new Date('2026-01-01T00:01:01Z'));
    await rcs.handle(unsigned);
    expect(logger.lines).toHaveLength(3);
    expect(logger.lines[2]?.message).toContain('[5 more like this since the last such line]');
    expect(logger.lines[2]?.fields).toMatchObject({ suppressed: 5, code: 'missing_signature' });
    // A success logs nothing outside debug.
    expect((await rcs.handle(signed)).status).toBe(200);
    expect(logger.lines).toHaveLength(3);
  });

  it('logs a failed handler at error level with its error, never in the response', async () => {
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger });
    rcs.onDelivery(() => {
      throw new TypeError('markMessage exploded');
    });
    const response = await rcs.handle(await signedInfobip(delivery('msg-9')));
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('exploded');
    const [line] = logger.at('error');
    expect(line?.message).toMatch(
      /infobip delivery \S+: handler_failed \(500\): .* — TypeError: markMessage exploded/,
    );
    expect(line?.fields.error).toBeInstanceOf(TypeError);
  });

  it('escapes what could forge a line or a format directive', async () => {
    const logger = recordingLogger();
    const { rcs } = infobipCore({ logger, debug: true });
    await rcs.handle(await signedInfobip(delivery('evil\nrcs-webhooks: forged %s line')));
    const message = logger.at('debug')[0]?.message ?? '';
    expect(message).not.toContain('\n');
    expect(message).toContain('evil\\u000arcs-webhooks: forged %%s line');
  });

  it('`logger: false` is silent; the default is console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const signed = await signedInfobip(delivery('msg-10'));
    const unsigned = {
      ...signed,
      headers: { 'content-type': 'application/json' },
      url: `${signed.url}?default`,
    };
    await infobipCore({ logger: false }).rcs.handle(unsigned);
    expect(warn).not.toHaveBeenCalled();
    // console is shared by every core: its rate limit too; a code no other test here logs to console.
    await infobipCore().rcs.handle({ ...signed, headers: { ...signed.headers, 'content-type': 'text/csv' } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/infobip: unsupported_media_type \(415\)/);
  });

  it('by default prints one console line per request: the message alone, not the fields object', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const { rcs } = infobipCore({ debug: true });
      await rcs.handle(await signedInfobip(delivery('msg-12')));
      expect(debug).toHaveBeenCalledTimes(1);
      expect(debug.mock.calls[0]).toHaveLength(1);
      expect(debug.mock.calls[0]?.[0]).toMatch(/^rcs-webhooks: infobip → 200: delivery \S+ handled/);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('refuses a logger without the four methods', () => {
    expect(() => infobipCore({ logger: { warn() {} } as unknown as RcsLogger })).toThrow(
      /logger has no debug, info, error method/,
    );
  });

  it('never breaks a request when the logger throws', async () => {
    const throwing = () => {
      throw new Error('logger down');
    };
    const logger = { debug: throwing, info: throwing, warn: throwing, error: throwing };
    const { rcs } = infobipCore({ logger, debug: true });
    expect((await rcs.handle(await signedInfobip(delivery('msg-11')))).status).toBe(200);
  });
});

describe('logger types', () => {
  it('takes console and pino as they are', () => {
    expectTypeOf(console).toMatchTypeOf<RcsLogger>();
    expectTypeOf(pino()).toMatchTypeOf<RcsLogger>();
    infobipCore({ logger: pino({ level: 'silent' }) });
  });

  it('reads whole in pino, which ignores the fields after a message and collapses %%', async () => {
    const written: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => written.push(line) });
    const { rcs } = infobipCore({ logger, debug: true });
    await rcs.handle(await signedInfobip(delivery('100%s-id')));
    const messages = written.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages[1]).toMatch(/^rcs-webhooks: infobip → 200: delivery \S*100%s-id\S* handled/);
  });
});
