import { readFileSync } from 'node:fs';

/**
 * Keys the service needs at run time. Locally they live in `<data folder>/secrets.json`, made on
 * first start (`FUHUA_SECRETS_FILE`). In the cloud they live in AWS Secrets Manager
 * (`FUHUA_SECRET_ID`) and are read through the Parameters and Secrets Lambda extension on
 * localhost, which caches them and keeps the Secrets Manager SDK out of the bundle.
 */
export interface Secrets {
  /** HMAC key (base64) for identity-number fingerprints: uniqueness without storing the number. */
  idNumberKey: string;
  /** AES-256 key (base64) for fields stored encrypted, such as bank account numbers. */
  dataKey: string;
}

let loading: Promise<Secrets> | undefined;

export function secrets(): Promise<Secrets> {
  loading ??= load().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Secrets> {
  const file = process.env.FUHUA_SECRETS_FILE;
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const secretId = process.env.FUHUA_SECRET_ID;
  if (!secretId) throw new Error('No secrets configured: set FUHUA_SECRETS_FILE (local) or FUHUA_SECRET_ID (cloud).');
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!response.ok) throw new Error(`Secrets extension answered ${response.status}`);
  const { SecretString } = (await response.json()) as { SecretString: string };
  return JSON.parse(SecretString) as Secrets;
}
