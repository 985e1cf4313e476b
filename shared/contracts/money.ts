/**
 * Money and 免申即享: grants, payments, facts import, auto-grant runs, stats, operator
 * commands on payable items, 追回, 支付批次, the treasury's callback (infra/functions/money.yml).
 */
import { z } from 'zod';
import {
  PopulationRunView,
  RunIdParams,
  RunPreviewView,
  RunView,
  StartRunBody,
  StatsView,
} from '../schemas/admin';
import { PolicyIdPath } from '../schemas/studio';
import { ImportFactsBody, ImportResult } from '../schemas/facts-import';
import {
  CreatedFeedJob,
  CreateFeedJobBody,
  FeedJobParams,
  FeedJobView,
  RejectedRowsFile,
} from '../schemas/feeds';
import { ConfirmGrantBody, GrantIdParams, GrantPage, GrantView, ListQuery } from '../schemas/grant';
import {
  CorrectAccountBody,
  OpenRecoveryBody,
  PayableCommandView,
  PayableItemPage,
  PayableParams,
  PayableReasonBody,
  PayablesQuery,
  RecoveredBody,
  RecoveryIdParams,
  RecoveryView,
} from '../schemas/payable';
import { PaymentPage, PaymentsQuery } from '../schemas/payment';
import {
  ApprovePaymentBatchBody,
  CreatePaymentBatchBody,
  PaymentBatchDetail,
  PaymentBatchIdParams,
  PaymentBatchListQuery,
  PaymentBatchPage,
  RejectPaymentBatchBody,
} from '../schemas/payment-batch';
import { RecoveriesQuery, RecoveryPage } from '../schemas/recovery-list';
import { TreasuryCallbackBody } from '../schemas/treasury';
import { defineRoute } from './define';

/** What the treasury gateway gets back: the payment its key names and what the answer did. */
export const TreasuryCallbackResult = z.object({
  idempotencyKey: z.string(),
  paymentId: z.string(),
  result: z.enum(['paid', 'failed', 'returned', 'processing', 'unchanged']),
  status: z.string().optional(),
});

export const listGrants = defineRoute({
  name: 'listGrants',
  method: 'GET',
  path: '/v1/grants',
  summary: '本主体的免申即享兑付，新的在前（账号掩码）',
  access: ['applicant'],
  query: ListQuery,
  status: 200,
  response: GrantPage,
  errors: [],
});

export const confirmGrant = defineRoute({
  name: 'confirmGrant',
  method: 'POST',
  path: '/v1/grants/{id}/confirm',
  summary: '确认免申即享的收款账户（只以掩码保存、显示与记录）',
  access: ['applicant'],
  params: GrantIdParams,
  body: ConfirmGrantBody,
  status: 200,
  response: GrantView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'ACCOUNT_REQUIRED'],
  idempotency: { scope: 'grant-confirm:{id}' },
});

export const listPayments = defineRoute({
  name: 'listPayments',
  method: 'GET',
  path: '/v1/payments',
  summary: '拨付记录：申请人看本主体的，管理员看全部（可按状态）',
  access: ['applicant', 'admin'],
  query: PaymentsQuery,
  status: 200,
  response: PaymentPage,
  errors: [],
});

export const importFacts = defineRoute({
  name: 'importFacts',
  method: 'POST',
  path: '/v1/admin/facts:import',
  summary: '导入数据（JSON lines 或 CSV）：整批校验，任何一行有误则整批退回并列出行号与原因',
  access: ['admin'],
  body: ImportFactsBody,
  status: 200,
  response: ImportResult,
  errors: ['UNAVAILABLE'],
});

// ── feed files (issue #16): upload with a pre-signed PUT, streamed import, rejected rows ──

export const createFeedImport = defineRoute({
  name: 'createFeedImport',
  method: 'POST',
  path: '/v1/admin/feeds',
  summary: '上传数据文件（CSV 或 JSON Lines，≤ 1 GB，可 gzip）：建立导入任务并返回预签名上传地址',
  access: ['admin'],
  body: CreateFeedJobBody,
  status: 201,
  response: CreatedFeedJob,
  errors: [],
});

export const getFeedImport = defineRoute({
  name: 'getFeedImport',
  method: 'GET',
  path: '/v1/admin/feeds/{id}',
  summary: '导入任务的状态与进度（已读、通过、未通过、重复合并行数，每秒行数）',
  access: ['admin'],
  params: FeedJobParams,
  status: 200,
  response: FeedJobView,
  errors: ['NOT_FOUND'],
});

export const startFeedImport = defineRoute({
  name: 'startFeedImport',
  method: 'POST',
  path: '/v1/admin/feeds/{id}/start',
  summary: '文件已上传：开始（或从断点继续）导入（202）；AWS 上由上传事件触发，本地在进程内运行',
  access: ['admin'],
  params: FeedJobParams,
  status: 202,
  response: FeedJobView,
  errors: ['NOT_FOUND'],
});

export const getFeedRejected = defineRoute({
  name: 'getFeedRejected',
  method: 'GET',
  path: '/v1/admin/feeds/{id}/rejected',
  summary: '未通过校验的行（CSV：行号、原因、原始内容）',
  access: ['admin'],
  params: FeedJobParams,
  status: 200,
  response: RejectedRowsFile,
  errors: ['NOT_FOUND'],
});

export const startRun = defineRoute({
  name: 'startRun',
  method: 'POST',
  path: '/v1/admin/runs',
  summary: '启动一次免申即享批量兑付（202）；同一 Idempotency-Key 找到并续跑同一批次',
  access: ['admin'],
  body: StartRunBody,
  status: 202,
  response: RunView,
  errors: ['NOT_FOUND', 'DUPLICATE'],
  idempotency: {},
});

export const previewRun = defineRoute({
  name: 'previewRun',
  method: 'POST',
  path: '/v1/admin/runs:preview',
  summary: '免申即享批次预核：按同样条件将发放的笔数与总额（不写入任何数据），确认后再启动',
  access: ['admin'],
  body: StartRunBody,
  status: 200,
  response: RunPreviewView,
  errors: [],
});

export const getRun = defineRoute({
  name: 'getRun',
  method: 'GET',
  path: '/v1/admin/runs/{id}',
  summary: '批量兑付的进度与合计',
  access: ['admin'],
  params: RunIdParams,
  status: 200,
  response: RunView,
  errors: ['NOT_FOUND'],
});

export const adminStats = defineRoute({
  name: 'adminStats',
  method: 'GET',
  path: '/v1/admin/stats',
  summary:
    '按政策统计：申请、通过、拨付、今日完成率（已付 ÷ 已批准）、应享完成率（已兑现 ÷ 应享，按户数与金额）、超期、预算',
  access: ['admin'],
  status: 200,
  response: StatsView,
  errors: [],
});

export const refreshPopulation = defineRoute({
  name: 'refreshPopulation',
  method: 'POST',
  path: '/v1/admin/stats/{id}/population',
  summary:
    '重新测算一项政策的应享人群（202，附进度）：按现有数据，规则认定符合条件的全部主体及应享金额（无论是否申请），即“已兑现 ÷ 应享”完成率的分母；同一 Idempotency-Key 找到同一次测算',
  access: ['admin'],
  params: PolicyIdPath,
  status: 202,
  response: PopulationRunView,
  errors: ['NOT_FOUND', 'DUPLICATE'],
});

export const listPayables = defineRoute({
  name: 'listPayables',
  method: 'GET',
  path: '/v1/admin/payables',
  summary: '待提供账户、暂停拨付、待拨付、拨付失败、退票的事项（账号掩码）',
  access: ['admin'],
  query: PayablesQuery,
  status: 200,
  response: PayableItemPage,
  errors: [],
});

const payableCommand = <const N extends string>(name: N, verb: string, summary: string) =>
  defineRoute({
    name,
    method: 'POST',
    path: `/v1/admin/payables/{kind}/{id}/${verb}`,
    summary,
    access: ['admin'],
    params: PayableParams,
    body: PayableReasonBody,
    status: 200,
    response: PayableCommandView,
    errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
  });

export const holdPayable = payableCommand(
  'holdPayable',
  'hold',
  '暂停拨付（原因必填；拨付中的不能暂停）',
);
export const releasePayable = payableCommand(
  'releasePayable',
  'release',
  '恢复拨付（原因必填；自动重试次数重新计算）',
);
export const cancelPayable = payableCommand(
  'cancelPayable',
  'cancel',
  '取消拨付（原因必填）：同一事务释放预算占用与资格占用',
);

export const correctPayableAccount = defineRoute({
  name: 'correctPayableAccount',
  method: 'POST',
  path: '/v1/admin/payables/{kind}/{id}/account',
  summary: '更正收款账户并重新拨付（原因必填；账号只以掩码返回）',
  access: ['admin'],
  params: PayableParams,
  body: CorrectAccountBody,
  status: 200,
  response: PayableCommandView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const createPaymentBatch = defineRoute({
  name: 'createPaymentBatch',
  method: 'POST',
  path: '/v1/admin/payment-batches',
  summary: '生成支付批次：该政策所有未入批次的待拨付事项（无则 422 NOTHING_TO_BATCH）',
  access: ['admin'],
  body: CreatePaymentBatchBody,
  status: 201,
  response: PaymentBatchDetail,
  errors: ['NOT_FOUND', 'NOT_ELIGIBLE', 'CONFLICT'],
});

export const listPaymentBatches = defineRoute({
  name: 'listPaymentBatches',
  method: 'GET',
  path: '/v1/admin/payment-batches',
  summary: '支付批次列表（管理员、财政局二级审核人员）',
  access: ['admin', 'reviewer'],
  query: PaymentBatchListQuery,
  status: 200,
  response: PaymentBatchPage,
  errors: [],
});

export const getPaymentBatch = defineRoute({
  name: 'getPaymentBatch',
  method: 'GET',
  path: '/v1/admin/payment-batches/{id}',
  summary: '批次详情：合计金额与各笔事项（账号掩码）',
  access: ['admin', 'reviewer'],
  params: PaymentBatchIdParams,
  status: 200,
  response: PaymentBatchDetail,
  errors: ['NOT_FOUND'],
});

export const approvePaymentBatch = defineRoute({
  name: 'approvePaymentBatch',
  method: 'POST',
  path: '/v1/payment-batches/{id}/approve',
  summary: '财政局二级审核人员批准批次（未审核过批次中任何事项）',
  access: ['reviewer'],
  params: PaymentBatchIdParams,
  body: ApprovePaymentBatchBody,
  status: 200,
  response: PaymentBatchDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const rejectPaymentBatch = defineRoute({
  name: 'rejectPaymentBatch',
  method: 'POST',
  path: '/v1/payment-batches/{id}/reject',
  summary: '财政局二级审核人员退回批次（原因必填；事项可重新组批）',
  access: ['reviewer'],
  params: PaymentBatchIdParams,
  body: RejectPaymentBatchBody,
  status: 200,
  response: PaymentBatchDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const openRecovery = defineRoute({
  name: 'openRecovery',
  method: 'POST',
  path: '/v1/admin/payables/{kind}/{id}/recovery',
  summary: '对已拨付事项发起追回（金额不超过已拨付金额，原因必填）',
  access: ['admin', 'auditor'],
  params: PayableParams,
  body: OpenRecoveryBody,
  status: 201,
  response: RecoveryView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'DUPLICATE', 'OVER_CAP', 'CONFLICT'],
});

export const recordRecovery = defineRoute({
  name: 'recordRecovery',
  method: 'POST',
  path: '/v1/admin/recoveries/{id}/recovered',
  summary: '登记已追回：资金回到该政策的预算额度',
  access: ['admin'],
  params: RecoveryIdParams,
  body: RecoveredBody,
  status: 200,
  response: RecoveryView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const writeOffRecovery = defineRoute({
  name: 'writeOffRecovery',
  method: 'POST',
  path: '/v1/admin/recoveries/{id}/write-off',
  summary: '核销：无法追回，原因必填',
  access: ['admin'],
  params: RecoveryIdParams,
  body: PayableReasonBody,
  status: 200,
  response: RecoveryView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const listRecoveries = defineRoute({
  name: 'listRecoveries',
  method: 'GET',
  path: '/v1/admin/recoveries',
  summary: '某政策的追回记录（追回中、已追回、已核销）',
  access: ['admin'],
  query: RecoveriesQuery,
  status: 200,
  response: RecoveryPage,
  errors: [],
});

export const treasuryCallback = defineRoute({
  name: 'treasuryCallback',
  method: 'POST',
  path: '/v1/treasury/callback',
  summary:
    '国库网关的回调：须带网关对原始字节的 HMAC 签名（否则 401，不读不结算）；按幂等键结算，未知键 404，重复回调 200 unchanged',
  access: 'public',
  body: TreasuryCallbackBody,
  bodyAfterSignature: true,
  status: 200,
  response: TreasuryCallbackResult,
  errors: ['UNAUTHENTICATED', 'NOT_FOUND', 'CONFLICT'],
});
