/**
 * Every figure's DynamoDB Local, the engine a figure measures and the one its raw reference is
 * measured on alike, tuned for throughput (infra/local/dynamodb-local.ts, JVM_TUNINGS): a bench
 * engine runs for minutes to hours, where the tests' start-fast tuning (C1 only) left the engine's
 * JVM, not our code, the bound.
 */
import {
  JVM_TUNINGS,
  startDynamoLocal,
  type DynamoLocal,
  type DynamoLocalOptions,
  type JvmTuning,
} from '../../infra/local/dynamodb-local';

export const BENCH_JVM: JvmTuning = 'throughput';

/** as printed with the run and kept in its report */
export const BENCH_JVM_FLAGS = `${BENCH_JVM}: ${JVM_TUNINGS[BENCH_JVM].join(' ')}`;

export function startBenchEngine(o: Omit<DynamoLocalOptions, 'jvm'> = {}): Promise<DynamoLocal> {
  return startDynamoLocal({ ...o, jvm: BENCH_JVM });
}
