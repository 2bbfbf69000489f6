import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP server on 127.0.0.1 that stands where DynamoDB would: it forwards every request to
 * DynamoDB Local, except when a fault is armed for the operation, and it counts the attempts.
 * The SDK talks to it through its real HTTP stack, retry strategy and error parsing.
 */
export type Fault =
  /** Answer with a DynamoDB error of this name (HTTP 400 for throttling, 500 for InternalServerError). */
  | { kind: 'error'; name: 'ProvisionedThroughputExceededException' | 'ThrottlingException' | 'InternalServerError'; status?: number }
  /** Forward the request, let DynamoDB commit it, then drop the client's connection without an answer. */
  | { kind: 'drop-after-forward' }
  /** Forward the request, then hold the answer back for this long (longer than the client's timeout). */
  | { kind: 'delay-after-forward'; ms: number };

export interface Attempt {
  /** The operation, e.g. `TransactWriteItems`. */
  operation: string;
  /** Milliseconds since the proxy started. */
  at: number;
  body: string;
  answered: string;
}

export interface DynamoProxy {
  endpoint: string;
  attempts: Attempt[];
  /** The next `times` requests for `operation` meet `fault`. */
  arm(operation: string, fault: Fault, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startDynamoProxy(upstream: string): Promise<DynamoProxy> {
  const target = new URL(upstream);
  const started = performance.now();
  const attempts: Attempt[] = [];
  let armed: Array<{ operation: string; fault: Fault; left: number }> = [];

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const out = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const operation =
      String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    const attempt: Attempt = { operation, at: performance.now() - started, body: body.toString('utf8'), answered: 'forwarded' };
    attempts.push(attempt);
    const rule = armed.find((r) => r.operation === operation && r.left > 0);
    if (rule) rule.left -= 1;
    const fault = rule?.fault;

    if (fault?.kind === 'error') {
      attempt.answered = fault.name;
      const status = fault.status ?? (fault.name === 'InternalServerError' ? 500 : 400);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `proxy-${attempts.length}` });
      res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${fault.name}`, message: 'Injected by the test proxy' }));
      return;
    }
    try {
      const answer = await forward(req, body);
      if (fault?.kind === 'drop-after-forward') {
        attempt.answered = `dropped after DynamoDB answered ${answer.status}`;
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'delay-after-forward') {
        attempt.answered = `held back ${fault.ms} ms after DynamoDB answered ${answer.status}`;
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        if (req.socket.destroyed) return;
      }
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== 'transfer-encoding' && name !== 'connection'));
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    } catch {
      attempt.answered = 'upstream failed';
      if (!res.headersSent) res.writeHead(502).end();
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    attempts,
    arm(operation, fault, times = 1) {
      armed.push({ operation, fault, left: times });
    },
    reset() {
      armed = [];
      attempts.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
