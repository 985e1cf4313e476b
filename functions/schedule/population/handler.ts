import { scheduled } from '../../_lib/schedule';
import { countPopulations } from '../../services/population';

/**
 * Nightly (Asia/Shanghai): the should-be-done population of every live policy (issue #16), the
 * denominator of completion as the seeds count it. The run id is the day's, so a retried,
 * doubled or crashed trigger resumes the same run from its checkpoints. With SEGMENT_QUEUE_URL
 * the segments go to SQS workers (the last one stores the populations); otherwise here.
 */
export const handler = scheduled('population', (now) => countPopulations({ now }), {
  failed: (r) => r.errors > 0 || (r.dispatch === 'in-process' && r.status !== 'completed'),
});
