import { httpHandler, ok } from '../_lib/http-handler';

/** Liveness for load balancers and the local stack's start-up check. */
export const handler = httpHandler({ access: 'public' }, async ({ now }) =>
  ok({
    status: 'ok',
    service: 'zhida',
    stage: process.env.STAGE ?? 'local',
    time: now.toISOString(),
  }),
);
