import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/index.js';
import { googleEnvelope } from '../../../src/providers/google/index.js';
import { CLIENT_TOKEN, loadEvent, sign } from './setup.js';

const TEXT = loadEvent('notes-user-message-text');

describe('googleEnvelope', () => {
  it('wraps the event JSON in base64 message.data with stable defaults', () => {
    const envelope = googleEnvelope(JSON.parse(TEXT));
    expect(envelope).toEqual({
      message: {
        data: Buffer.from(TEXT).toString('base64'),
        messageId: expect.stringMatching(/^\d{16}$/),
        publishTime: '2025-01-01T12:00:00.045123Z',
      },
      subscription: 'projects/rbm-example-agent/subscriptions/rbm-example-push',
    });
    expect(googleEnvelope(TEXT)).toEqual(envelope);
    expect(googleEnvelope(new TextEncoder().encode(TEXT))).toEqual(envelope);
    expect(googleEnvelope({ other: 1 }).message.messageId).not.toBe(envelope.message.messageId);
  });

  it('takes the Pub/Sub metadata it is given', () => {
    const envelope = googleEnvelope(TEXT, {
      messageId: '9876543210',
      publishTime: new Date('2025-01-01T12:00:01Z'),
      attributes: { a: 'b' },
      subscription: 'projects/p/subscriptions/s',
    });
    expect(envelope).toEqual({
      message: {
        data: Buffer.from(TEXT).toString('base64'),
        messageId: '9876543210',
        publishTime: '2025-01-01T12:00:01.000Z',
        attributes: { a: 'b' },
      },
      subscription: 'projects/p/subscriptions/s',
    });
    expect(googleEnvelope({ eventType: 'X' }).message.publishTime).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('google signer', () => {
  it('signs the decoded message.data of the body, as an object or as exact text', async () => {
    const envelope = googleEnvelope(TEXT);
    const fromObject = await sign(envelope);
    const fromText = await sign(JSON.stringify(envelope, null, 2));
    expect(fromObject.headers['x-goog-signature']).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(fromText.headers['x-goog-signature']).toBe(fromObject.headers['x-goog-signature']);
    expect(fromObject.headers['content-type']).toBe('application/json');
    expect((await sign(envelope, `${CLIENT_TOKEN}x`)).headers['x-goog-signature']).not.toBe(
      fromObject.headers['x-goog-signature'],
    );
  });

  it('leaves bodies that are not event envelopes unsigned, as Google does', async () => {
    for (const body of [{ clientToken: CLIENT_TOKEN, secret: 's' }, 'not json', { message: {} }]) {
      expect((await sign(body)).headers['x-goog-signature']).toBeUndefined();
    }
  });

  it('refuses message.data that Google could not have sent', async () => {
    await expect(sign({ message: { data: 'not base64!' } })).rejects.toBeInstanceOf(ConfigurationError);
  });
});
