import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, VIEWER_ADDRESS_HEADER } from '../../shared/http/client-address';

const app = new Hono().get('/', (c) => c.text(clientAddress(c)));
const behindApiGateway = { requestContext: { http: { sourceIp: '130.176.0.7' } } };
const ask = async (headers: Record<string, string>, env: unknown) => (await app.request('/', { headers }, env as never)).text();

afterEach(() => {
  delete process.env.FUHUA_VIEWER_ADDRESS_HEADER;
});

describe('where a request came from', () => {
  it('is the connection’s address, whatever the headers say, unless the stack puts CloudFront in front', async () => {
    expect(await ask({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '198.51.100.1' }, behindApiGateway)).toBe('130.176.0.7');
  });

  it('behind CloudFront is the viewer’s address its function passed on, and the edge’s when there is none', async () => {
    process.env.FUHUA_VIEWER_ADDRESS_HEADER = 'on';
    expect(await ask({ [VIEWER_ADDRESS_HEADER]: '203.0.113.9' }, behindApiGateway)).toBe('203.0.113.9');
    expect(await ask({}, behindApiGateway)).toBe('130.176.0.7');
    expect(await ask({ [VIEWER_ADDRESS_HEADER]: 'x'.repeat(65) }, behindApiGateway)).toBe('130.176.0.7');
  });

  it('in-process (no platform) is the first X-Forwarded-For entry', async () => {
    expect(await ask({ 'x-forwarded-for': '198.51.100.1, 10.0.0.1' }, undefined)).toBe('198.51.100.1');
  });
});
