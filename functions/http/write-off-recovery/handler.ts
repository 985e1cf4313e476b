import type { RecoveryId } from '../../../shared/lifecycle/recovery';
import { writeOffRecovery } from '../../services/recoveries';
import { writeOffRecovery as route } from '../../../shared/contracts/money';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/admin/recoveries/{id}/write-off — 核销：无法追回，原因必填. */
export const handler = httpHandler(route, ({ actor, params, body, now }) =>
  writeOffRecovery(params.id as RecoveryId, body, actor, now),
);
