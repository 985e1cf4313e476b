/** /v1/policies and /v1/me/matches, by their route contracts (shared/contracts). */
import type { PolicyDetail } from '@shared/schemas/policy';
import * as routes from '@shared/contracts/apply';
import { call } from './client';

export type {
  ConditionView,
  Explanation,
  Match,
  MatchesResponse,
  MaterialView,
  PolicyDetail,
  PolicyList,
  PolicySummary,
} from '@shared/schemas/policy';
export type PolicyKind = PolicyDetail['kind'];
/** apply = 依申请; auto = 免申即享; both = either way. */
export type PolicyMode = PolicyDetail['mode'];
export type SubjectKind = PolicyDetail['subjectKind'];

/** GET /v1/policies */
export const listPolicies = () => call(routes.listPolicies, {});

/** GET /v1/policies/{id} */
export const getPolicy = (id: string) => call(routes.getPolicy, { params: { id } });

/** GET /v1/me/matches — policies the signed-in subject qualifies for. */
export const listMatches = () => call(routes.listMatches, {});
