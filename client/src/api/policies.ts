/** /v1/policies and /v1/me/matches, typed and parsed by shared/schemas/policy. */
import {
  MatchesResponse,
  PolicyDetail,
  PolicyList,
  SubscriptionView,
} from '@shared/schemas/policy';
import { call, withQuery } from './client';

export type {
  ConditionView,
  Explanation,
  Match,
  MatchesResponse,
  MaterialView,
  NearMissView,
  PolicyDetail,
  PolicyList,
  PolicySummary,
} from '@shared/schemas/policy';
export type PolicyKind = PolicyDetail['kind'];
/** apply = 依申请; auto = 免申即享; both = either way. */
export type PolicyMode = PolicyDetail['mode'];
export type SubjectKind = PolicyDetail['subjectKind'];

/** GET /v1/policies */
export const listPolicies = (cursor?: string) =>
  call('GET', withQuery('/v1/policies', { cursor }), PolicyList);

/** GET /v1/policies/{id} */
export const getPolicy = (id: string) =>
  call('GET', `/v1/policies/${encodeURIComponent(id)}`, PolicyDetail);

/** GET /v1/me/matches — policies the signed-in subject qualifies for. */
export const listMatches = () => call('GET', '/v1/me/matches', MatchesResponse);

/** POST /v1/me/subscriptions — "有新政策时提醒我". */
export const subscribeToNewPolicies = () =>
  call('POST', '/v1/me/subscriptions', SubscriptionView, { topic: 'new_policy' });
