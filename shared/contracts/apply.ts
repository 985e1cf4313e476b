/**
 * 依申请: auth, policies, matches, applications, review, uploads (infra/functions/apply.yml).
 * Each `name` is the function's name in the yml.
 */
import {
  AccountBody,
  ApplicationDetail,
  ApplicationList,
  ApplicationListQuery,
  ApplicationPath,
  ObjectionBody,
  ObjectionList,
  ObjectionListQuery,
  ObjectionView,
  SubmitApplicationBody,
  SupplementBody,
  WithdrawBody,
} from '../schemas/application';
import { DevUsersResponse, LoginBody, LoginResult, Me } from '../schemas/auth';
import {
  MatchesResponse,
  PolicyDetail,
  PolicyList,
  PolicyPath,
  SubscribeBody,
  SubscriptionView,
} from '../schemas/policy';
import { TodoList } from '../schemas/todo';
import {
  BatchApproveBody,
  BatchApproveResult,
  DecisionBody,
  QueuePage,
  QueueQuery,
  ResolveObjectionBody,
  ResolveObjectionPath,
} from '../schemas/review';
import {
  ApplicationMaterialPath,
  CreateUploadBody,
  MaterialLink,
  ReusableMaterialList,
  UploadTicket,
} from '../schemas/upload';
import { RatingBody, RatingView } from '../schemas/rating';
import { defineRoute } from './define';

export const authLogin = defineRoute({
  name: 'authLogin',
  method: 'POST',
  path: '/v1/auth/login',
  summary: '登录：微信 code（code2Session），本地演示环境可用演示用户',
  access: 'public',
  body: LoginBody,
  status: 200,
  response: LoginResult,
  errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
});

export const authDevUsers = defineRoute({
  name: 'authDevUsers',
  method: 'GET',
  path: '/v1/auth/dev-users',
  summary: '本地演示用户列表（仅 DEV_LOGIN=on 时可用，否则 404）',
  access: 'public',
  status: 200,
  response: DevUsersResponse,
  errors: ['NOT_FOUND'],
});

export const getMe = defineRoute({
  name: 'getMe',
  method: 'GET',
  path: '/v1/me',
  summary: '当前用户：角色、绑定的主体（证件号掩码）或所属部门',
  access: 'any',
  status: 200,
  response: Me,
  errors: ['NOT_FOUND'],
});

export const listPolicies = defineRoute({
  name: 'listPolicies',
  method: 'GET',
  path: '/v1/policies',
  summary: '已发布的政策目录（公开）',
  access: 'public',
  status: 200,
  response: PolicyList,
  errors: [],
});

export const getPolicy = defineRoute({
  name: 'getPolicy',
  method: 'GET',
  path: '/v1/policies/{id}',
  summary: '一项政策：条件、材料（容缺标注）、审核、公示、申兑指南',
  access: 'public',
  params: PolicyPath,
  status: 200,
  response: PolicyDetail,
  errors: ['NOT_FOUND'],
});

export const listMatches = defineRoute({
  name: 'listMatches',
  method: 'GET',
  path: '/v1/me/matches',
  summary: '按主体事实逐项测算可享政策，附理由',
  access: ['applicant'],
  status: 200,
  response: MatchesResponse,
  errors: ['NOT_FOUND'],
});

export const listTodos = defineRoute({
  name: 'listTodos',
  method: 'GET',
  path: '/v1/me/todos',
  summary: '首页待办：待确认收款账户、容缺材料补交期限、退回补正、异议处理结果',
  access: ['applicant'],
  status: 200,
  response: TodoList,
  errors: [],
});

export const subscribe = defineRoute({
  name: 'subscribe',
  method: 'POST',
  path: '/v1/me/subscriptions',
  summary: '有新政策时提醒我：为本主体订阅新政策提醒（重复订阅不变）',
  access: ['applicant'],
  body: SubscribeBody,
  status: 200,
  response: SubscriptionView,
  errors: [],
});

export const createApplication = defineRoute({
  name: 'createApplication',
  method: 'POST',
  path: '/v1/applications',
  summary: '创建并提交申请（Idempotency-Key 使重复点击只生成一份申请）',
  access: ['applicant'],
  body: SubmitApplicationBody,
  status: 201,
  response: ApplicationDetail,
  errors: [
    'NOT_FOUND',
    'WRONG_STATE',
    'DUPLICATE',
    'CONFLICT',
    'NOT_ELIGIBLE',
    'OVER_CAP',
    'ACCOUNT_REQUIRED',
    'MATERIAL_NOT_FOUND',
    'MATERIAL_MISMATCH',
  ],
  idempotency: { scope: 'create-application' },
});

export const listApplications = defineRoute({
  name: 'listApplications',
  method: 'GET',
  path: '/v1/applications',
  summary: '申请列表：申请人看本主体的，审核人员看本部门的（游标分页）',
  access: ['applicant', 'reviewer'],
  query: ApplicationListQuery,
  status: 200,
  response: ApplicationList,
  errors: [],
});

export const getApplication = defineRoute({
  name: 'getApplication',
  method: 'GET',
  path: '/v1/applications/{id}',
  summary: '申请详情与办理进度；他人主体的 404，其他部门的 403；管理员与审计人员可查看全部',
  access: 'any',
  params: ApplicationPath,
  status: 200,
  response: ApplicationDetail,
  errors: ['NOT_FOUND'],
});

export const supplementApplication = defineRoute({
  name: 'supplementApplication',
  method: 'POST',
  path: '/v1/applications/{id}/supplement',
  summary: '补交容缺或退回补正的材料',
  access: ['applicant'],
  params: ApplicationPath,
  body: SupplementBody,
  status: 200,
  response: ApplicationDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'MATERIAL_NOT_FOUND', 'MATERIAL_MISMATCH'],
  idempotency: { scope: 'supplement:{id}' },
});

export const withdrawApplication = defineRoute({
  name: 'withdrawApplication',
  method: 'POST',
  path: '/v1/applications/{id}/withdraw',
  summary: '撤回申请（作出决定之前）',
  access: ['applicant'],
  params: ApplicationPath,
  body: WithdrawBody,
  status: 200,
  response: ApplicationDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
  idempotency: { scope: 'withdraw:{id}' },
});

export const provideAccount = defineRoute({
  name: 'provideAccount',
  method: 'POST',
  path: '/v1/applications/{id}/account',
  summary: '提供或更正收款账户（拨付开始前；只以掩码显示与记录）',
  access: ['applicant'],
  params: ApplicationPath,
  body: AccountBody,
  status: 200,
  response: ApplicationDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'ACCOUNT_REQUIRED'],
  idempotency: { scope: 'account:{id}' },
});

export const rateService = defineRoute({
  name: 'rateService',
  method: 'POST',
  path: '/v1/ratings',
  summary: '好差评：办结（已到账或未通过）后申请人对办件打 1–5 星并可留言，每件一次',
  access: ['applicant'],
  body: RatingBody,
  status: 201,
  response: RatingView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'DUPLICATE'],
});

export const objectApplication = defineRoute({
  name: 'objectApplication',
  method: 'POST',
  path: '/v1/applications/{id}/objection',
  summary: '公示期内提出异议（任何申请人；只返回本人的异议）',
  access: ['applicant'],
  params: ApplicationPath,
  body: ObjectionBody,
  status: 201,
  response: ObjectionView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'RATE_LIMITED'],
  idempotency: { scope: 'objection:{id}' },
});

export const listMyObjections = defineRoute({
  name: 'listMyObjections',
  method: 'GET',
  path: '/v1/me/objections',
  summary: '本人提出的异议及其处理结果（游标分页）',
  access: ['applicant'],
  query: ObjectionListQuery,
  status: 200,
  response: ObjectionList,
  errors: [],
});

export const resolveObjection = defineRoute({
  name: 'resolveObjection',
  method: 'POST',
  path: '/v1/applications/{id}/objections/{objectionId}/resolve',
  summary: '处理异议：成立（申请被驳回）或不成立，公示期内',
  access: ['reviewer'],
  params: ResolveObjectionPath,
  body: ResolveObjectionBody,
  status: 200,
  response: ApplicationDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
  idempotency: { scope: 'resolve-objection:{objectionId}:{id}' },
});

export const decideApplication = defineRoute({
  name: 'decideApplication',
  method: 'POST',
  path: '/v1/applications/{id}/decision',
  summary: '审核决定：通过（不超过应享金额）、驳回（原因）、退回补正（说明）',
  access: ['reviewer'],
  params: ApplicationPath,
  body: DecisionBody,
  status: 200,
  response: ApplicationDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'OVER_CAP', 'BUDGET_EXHAUSTED'],
  idempotency: { scope: 'decide:{id}' },
});

export const reviewQueue = defineRoute({
  name: 'reviewQueue',
  method: 'GET',
  path: '/v1/review/queue',
  summary: '本部门待审队列，先到先审，SLA 以工作日计',
  access: ['reviewer'],
  query: QueueQuery,
  status: 200,
  response: QueuePage,
  errors: ['CALENDAR_UNKNOWN'],
});

export const batchApprove = defineRoute({
  name: 'batchApprove',
  method: 'POST',
  path: '/v1/review/batch-approve',
  summary: '批量通过：逐项按建议金额，一项被拒不影响其他各项',
  access: ['reviewer'],
  body: BatchApproveBody,
  status: 200,
  response: BatchApproveResult,
  errors: [],
});

export const createUpload = defineRoute({
  name: 'createUpload',
  method: 'POST',
  path: '/v1/uploads',
  summary: '为一份材料文件生成预签名上传地址（校验和签入）',
  access: ['applicant'],
  body: CreateUploadBody,
  status: 201,
  response: UploadTicket,
  errors: [],
});

export const openApplicationMaterial = defineRoute({
  name: 'openApplicationMaterial',
  method: 'GET',
  path: '/v1/applications/{id}/materials/{materialId}',
  summary:
    '打开一份申请材料：5 分钟有效的预签名下载地址；申请人本人、本部门审核人员、审计人员可用，每次打开均记录审计',
  access: ['applicant', 'reviewer', 'auditor'],
  params: ApplicationMaterialPath,
  status: 200,
  response: MaterialLink,
  errors: ['NOT_FOUND', 'MATERIAL_MISMATCH'],
});

export const listMyMaterials = defineRoute({
  name: 'listMyMaterials',
  method: 'GET',
  path: '/v1/me/materials',
  summary: '本主体以往申请中已核验的材料文件（每种材料取最新一份），可直接复用',
  access: ['applicant'],
  status: 200,
  response: ReusableMaterialList,
  errors: [],
});
