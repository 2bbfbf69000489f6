import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  stop: () => Promise<void>;
}

/**
 * Browsers post files to the bucket from the console's origin, and read the answer: any origin may,
 * as in the cloud, since only a form the API signed is accepted (locally s3rver checks no signature).
 */
const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * Starts an S3-compatible server (s3rver, in this process) on 127.0.0.1 only, with the documents
 * bucket, its files under `directory`. Port 0 takes any free port: clients learn the address
 * from the presigned URLs the API gives them.
 */
export async function startLocalS3(options: { port: number; directory: string; bucket: string }): Promise<LocalS3> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory: options.directory,
    configureBuckets: [{ name: options.bucket, configs: [CORS] }],
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
