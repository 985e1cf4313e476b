/**
 * The single table, defined once in table.json (CloudFormation properties) and used by
 * serverless.yml (`${file(./infra/table.json)}`) and by the local bootstrap below.
 * Index purposes (DESIGN.md §6):
 * - bySubject:   a subject's items (applications, grants, payments, loans), newest first
 * - reviewQueue: sparse; a department's reviewable items by status and age
 * - byStatus:    sparse; items a schedule must act on (publicity ending, payable, 容缺 deadlines…)
 * - byPolicy:    keys only; who matched / was granted a policy (for stats and reruns)
 * - currentFacts: sparse; only the current fact records (not their FACTV versions), so a run's
 *                parallel Scan reads the facts the rules need and nothing else
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import definition from './table.json';

export const INDEXES = [
  'bySubject',
  'reviewQueue',
  'byStatus',
  'byPolicy',
  'currentFacts',
] as const;
export type IndexName = (typeof INDEXES)[number];

export const TTL_ATTRIBUTE = definition.TimeToLiveSpecification.AttributeName;

/** CreateTable input for DynamoDB Local, built from the same definition CloudFormation uses. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions:
      definition.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: definition.KeySchema as CreateTableCommandInput['KeySchema'],
    GlobalSecondaryIndexes:
      definition.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
