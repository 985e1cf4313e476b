/** Loads the demo county into a table: subjects, facts, demo users. Safe to rerun (puts are keyed). */
import { putFacts } from '../../functions/repositories/facts';
import { putSubject } from '../../functions/repositories/subjects';
import { putUser } from '../../functions/repositories/users';
import { DEMO_FACTS, DEMO_SUBJECTS, DEMO_USERS } from './demo-data';

export interface SeedSummary {
  subjects: number;
  facts: number;
  users: number;
}

export async function seedDemo(): Promise<SeedSummary> {
  for (const subject of DEMO_SUBJECTS) await putSubject(subject);
  await putFacts(DEMO_FACTS);
  for (const user of DEMO_USERS) await putUser(user, { dev: true });
  return { subjects: DEMO_SUBJECTS.length, facts: DEMO_FACTS.length, users: DEMO_USERS.length };
}
