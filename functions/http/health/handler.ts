import { health as route } from '../../../shared/contracts/platform';
import { httpHandler } from '../_lib/http-handler';

/** Liveness for load balancers and the local stack's start-up check. */
export const handler = httpHandler(route, ({ now }) =>
  Promise.resolve({
    status: 'ok' as const,
    service: 'zhida' as const,
    stage: process.env.STAGE ?? 'local',
    time: now.toISOString(),
  }),
);
