import { token } from '../auth/session';
import { asProblem, inFlight, type Problem } from './client';

/**
 * Downloads a file the API serves (a CSV export, a bank file): fetched with the person's token,
 * never a bare link (a link would carry no token, and a token in a URL would reach logs), then
 * handed to the browser as a download named `filename`. Returns the API's problem, if any.
 */
export async function download(path: string, filename: string, query: Record<string, string | number | undefined> = {}): Promise<Problem | null> {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  inFlight.value += 1;
  try {
    const response = await fetch(url, { headers: token.value ? { authorization: `Bearer ${token.value}` } : {} });
    if (!response.ok) return asProblem(await response.json().catch(() => ({ code: 'NETWORK', status: response.status })));
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    return null;
  } catch (error) {
    return asProblem(error);
  } finally {
    inFlight.value = Math.max(0, inFlight.value - 1);
  }
}
