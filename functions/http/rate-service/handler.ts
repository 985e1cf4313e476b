import { RatingBody } from '../../../shared/schemas/rating';
import { rateService } from '../../services/ratings';
import { asApplicant } from '../_lib/actors';
import { httpHandler } from '../_lib/http-handler';

/** POST /v1/ratings — 好差评: the applicant rates a paid or refused item 1–5, once. */
export const handler = httpHandler(
  { access: 'applicant', body: RatingBody },
  async ({ actor, body, now }) => rateService(asApplicant(actor), body, now),
);
