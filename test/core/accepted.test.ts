import { describe, expect, it } from 'vitest';
import { acceptedResponse, acceptedResponseFor } from '../../src/pipeline/accepted.js';

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

describe('accepted responses', () => {
  it('are the provider’s own body where it expects one (Twilio: TwiML), else {"ok":true}', () => {
    expect(acceptedResponseFor('/webhooks/rcs', '/webhooks/rcs/twilio')).toEqual({
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: TWIML,
    });
    for (const path of [
      '/webhooks/rcs/infobip',
      '/webhooks/rcs/exotel/token',
      '/webhooks/rcs/constructor',
      '/other',
    ]) {
      const response = acceptedResponseFor('/webhooks/rcs', path);
      expect([response.status, response.body]).toEqual([200, '{"ok":true}']);
    }
  });

  it('hands out a copy each time, so a caller cannot change the next answer', () => {
    const definition = { acceptedResponse: { status: 200, headers: { a: '1' }, body: 'x' } };
    acceptedResponse(definition).headers.a = 'changed';
    expect(acceptedResponse(definition).headers.a).toBe('1');
  });
});
