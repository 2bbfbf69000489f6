import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An item in DynamoDB's wire format (`{ pk: { S: '…' }, version: { N: '1' } }`). */
export type WireItem = Record<string, Record<string, unknown>>;

export interface DynamoStub {
  endpoint: string;
  /** GetItem calls answered so far. */
  calls: () => number;
  close: () => Promise<void>;
}

function keyOf(key: WireItem): string {
  return `${String(key.pk?.S)}\u0000${String(key.sk?.S)}`;
}

/**
 * A DynamoDB endpoint that lives in memory and speaks just enough of the JSON protocol (GetItem)
 * to serve read requests. A bundled handler carries its own copy of the AWS SDK, so mocking the
 * SDK from outside cannot reach it; answering on 127.0.0.1 can, and it keeps the SDK's real
 * request path (serialization, signing, HTTP) in what is measured.
 */
export async function startDynamoStub(items: readonly WireItem[]): Promise<DynamoStub> {
  const table = new Map(items.map((item) => [keyOf(item), item]));
  let calls = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        response.writeHead(status, {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': Buffer.byteLength(text),
          'x-amzn-requestid': `stub-${calls}`,
        });
        response.end(text);
      };
      if (target !== 'DynamoDB_20120810.GetItem') {
        send(400, { __type: 'com.amazon.coral.service#UnknownOperationException', message: `The stub answers GetItem only, not ${target}` });
        return;
      }
      calls += 1;
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Key: WireItem };
      const item = table.get(keyOf(input.Key));
      send(200, item ? { Item: item } : {});
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
