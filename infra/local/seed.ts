/** Loads the demo county into a table: subjects, facts, demo users, accounts on file. Safe to rerun (puts are keyed). */
import { putFacts } from '../../functions/repositories/facts';
import { putPayeeOnFile } from '../../functions/repositories/grants';
import { markIdDerivation, putSubject } from '../../functions/repositories/subjects';
import { putUser } from '../../functions/repositories/users';
import { DEMO_FACTS, DEMO_PAYEES, DEMO_SUBJECTS, DEMO_USERS } from './demo-data';

export interface SeedSummary {
  subjects: number;
  facts: number;
  users: number;
}

export async function seedDemo(): Promise<SeedSummary> {
  await markIdDerivation(); // which key the ids below are made with (npm start checks it)
  for (const subject of DEMO_SUBJECTS) await putSubject(subject);
  await putFacts(DEMO_FACTS);
  for (const user of DEMO_USERS) await putUser(user, { dev: true });
  for (const { subjectId, payee } of DEMO_PAYEES) await putPayeeOnFile(subjectId, payee, '2020-01-01T00:00:00.000Z');
  return { subjects: DEMO_SUBJECTS.length, facts: DEMO_FACTS.length, users: DEMO_USERS.length };
}
