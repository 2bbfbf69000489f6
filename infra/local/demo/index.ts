import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../../shared/db/client';
import { tableName } from '../../../shared/db/table';
import { seedApplicants } from './applicants';
import { seedApplications } from './applications';
import { seedSpaces } from './spaces';
import { seedMentors } from './mentors';
import { seedEvents } from './events';

/**
 * Demo data, loaded through the same domain services the API uses. Each part is loaded once: a
 * marker item records it, so a second start adds nothing and a newer version adds only new parts.
 */
const PARTS: Array<[name: string, seed: () => Promise<void>]> = [
  ['applicants', seedApplicants],
  ['applications', seedApplications],
  ['mentors', seedMentors],
  ['spaces', seedSpaces],
  ['events', seedEvents],
];

export async function seedDemoData(): Promise<string> {
  const loaded: string[] = [];
  for (const [name, seed] of PARTS) {
    const marker = { pk: 'META#DEMO', sk: name };
    const done = await db.send(new GetCommand({ TableName: tableName(), Key: marker, ConsistentRead: true }));
    if (done.Item) continue;
    await seed();
    await db.send(new PutCommand({ TableName: tableName(), Item: { ...marker, entity: 'demoMarker', at: new Date().toISOString() } }));
    loaded.push(name);
  }
  return loaded.length > 0 ? `demo data loaded: ${loaded.join(', ')}` : 'demo data already present';
}
