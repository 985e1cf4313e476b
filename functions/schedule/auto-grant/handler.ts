import { instantOf, localDateOf } from '../../../shared/calendar';
import { scheduled } from '../../_lib/schedule';
import { dailyRunId, processRun, startRun, toRunView } from '../../services/auto-grant';

/**
 * Daily 免申即享 run. The run id is the day's, so a retried or doubled trigger resumes the
 * same run from its checkpoints. With SEGMENT_QUEUE_URL the segments go to SQS workers;
 * otherwise they are processed here (one machine, DESIGN §7).
 */
export const handler = scheduled(
  'auto-grant',
  async (now) => {
    const asOf = localDateOf(instantOf(now));
    const run = await startRun({ asOf, runId: dailyRunId(asOf) }, { now });
    if (run.dispatch === 'queue' || run.status !== 'running') return toRunView(run);
    return toRunView(await processRun(run.id));
  },
  {
    // processed here: a segment that stopped leaves the run running; a grant that failed counts
    // an error (fanned out to SQS, a failing segment ends in the DLQ and its alarm instead)
    failed: (r) =>
      r.status === 'failed' ||
      r.totals.errors > 0 ||
      (r.dispatch === 'in-process' && r.status === 'running'),
  },
);
