import { signal } from '@preact/signals';
import type { AuthConfig } from './config';

/** This deployment's sign-in, loaded once from /config.json before the first render. */
export const authConfig = signal<AuthConfig>({ auth: 'local' });
