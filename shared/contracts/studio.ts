/**
 * The policy studio: policy versions as published data, their lifecycle, the dated parameters,
 * and the catalogue's JSON export and import (infra/functions/studio.yml).
 */
import {
  CatalogueExport,
  CatalogueImportResult,
  DraftBody,
  ImportCatalogueBody,
  NewVersionBody,
  ParameterActionBody,
  ParameterActionPath,
  ParameterList,
  ParameterPath,
  ParameterView,
  PolicyIdPath,
  PolicyVersionActionPath,
  PolicyVersionDetail,
  PolicyVersionList,
  PolicyVersionPath,
  SetParameterBody,
  VersionActionBody,
} from '../schemas/studio';
import { SandboxBody, SandboxPath, SandboxView } from '../schemas/sandbox';
import { defineRoute } from './define';

export const listPolicyVersions = defineRoute({
  name: 'listPolicyVersions',
  method: 'GET',
  path: '/v1/admin/policy-versions',
  summary: '政策版本列表（草稿、待审核、已发布、已停用）',
  access: ['admin', 'auditor'],
  status: 200,
  response: PolicyVersionList,
  errors: [],
});

export const createPolicy = defineRoute({
  name: 'createPolicy',
  method: 'POST',
  path: '/v1/admin/policy-versions',
  summary: '新建政策：第一版草稿（规则先按事实字段类型检查）',
  access: ['admin'],
  body: DraftBody,
  status: 201,
  response: PolicyVersionDetail,
  errors: ['DUPLICATE', 'CONFLICT'],
});

export const createPolicyVersion = defineRoute({
  name: 'createPolicyVersion',
  method: 'POST',
  path: '/v1/admin/policy-versions/{id}',
  summary: '为已有政策新建一个版本草稿（不给文档则复制最新版本）',
  access: ['admin'],
  params: PolicyIdPath,
  body: NewVersionBody,
  status: 201,
  response: PolicyVersionDetail,
  errors: ['NOT_FOUND', 'DUPLICATE', 'CONFLICT'],
});

export const getPolicyVersion = defineRoute({
  name: 'getPolicyVersion',
  method: 'GET',
  path: '/v1/admin/policy-versions/{id}/{version}',
  summary: '一个政策版本：文档、测试用例及其结果、办理记录',
  access: ['admin', 'auditor'],
  params: PolicyVersionPath,
  status: 200,
  response: PolicyVersionDetail,
  errors: ['NOT_FOUND'],
});

export const updatePolicyDraft = defineRoute({
  name: 'updatePolicyDraft',
  method: 'PUT',
  path: '/v1/admin/policy-versions/{id}/{version}',
  summary: '修改草稿（已提交或已发布的版本不可修改）',
  access: ['admin'],
  params: PolicyVersionPath,
  body: DraftBody,
  status: 200,
  response: PolicyVersionDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const transitionPolicyVersion = defineRoute({
  name: 'transitionPolicyVersion',
  method: 'POST',
  path: '/v1/admin/policy-versions/{id}/{version}/{action}',
  summary: '提交审核、退回、发布（须另一名管理员，测试用例须全部通过）或停用',
  access: ['admin'],
  params: PolicyVersionActionPath,
  body: VersionActionBody,
  status: 200,
  response: PolicyVersionDetail,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT', 'GOLDEN_CASE_FAILED'],
});

export const listParameters = defineRoute({
  name: 'listParameters',
  method: 'GET',
  path: '/v1/admin/parameters',
  summary: '政策参数（金额、标准、比例）及其按生效日期的取值',
  access: ['admin', 'auditor'],
  status: 200,
  response: ParameterList,
  errors: [],
});

export const setParameter = defineRoute({
  name: 'setParameter',
  method: 'PUT',
  path: '/v1/admin/parameters/{name}',
  summary:
    '设置参数自某日起的取值（不改规则、不需部署）：新参数即时生效；已有参数的新取值须另一名管理员批准后生效',
  access: ['admin'],
  params: ParameterPath,
  body: SetParameterBody,
  status: 200,
  response: ParameterView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const decideParameterValue = defineRoute({
  name: 'decideParameterValue',
  method: 'POST',
  path: '/v1/admin/parameters/{name}/{from}/{action}',
  summary: '批准（须另一名管理员）或驳回（须写明原因）参数自某日起的待批取值',
  access: ['admin'],
  params: ParameterActionPath,
  body: ParameterActionBody,
  status: 200,
  response: ParameterView,
  errors: ['NOT_FOUND', 'WRONG_STATE', 'CONFLICT'],
});

export const exportCatalogue = defineRoute({
  name: 'exportCatalogue',
  method: 'GET',
  path: '/v1/admin/catalogue:export',
  summary: '导出全部政策版本（含测试用例）与参数（JSON）',
  access: ['admin', 'auditor'],
  status: 200,
  response: CatalogueExport,
  errors: [],
});

export const importCatalogue = defineRoute({
  name: 'importCatalogue',
  method: 'POST',
  path: '/v1/admin/catalogue:import',
  summary: '导入政策与参数：每项成为草稿，须经审核发布',
  access: ['admin'],
  body: ImportCatalogueBody,
  status: 200,
  response: CatalogueImportResult,
  errors: ['DUPLICATE', 'CONFLICT'],
});

export const startSandbox = defineRoute({
  name: 'startSandbox',
  method: 'POST',
  path: '/v1/admin/policy-versions/{id}/sandbox',
  summary: '政策沙盘：把草稿或已发布的版本放到全部主体的现有数据上试算（202，附进度）',
  access: ['admin'],
  params: PolicyIdPath,
  body: SandboxBody,
  status: 202,
  response: SandboxView,
  errors: ['NOT_FOUND', 'DUPLICATE'],
});

export const getSandbox = defineRoute({
  name: 'getSandbox',
  method: 'GET',
  path: '/v1/admin/policy-versions/{id}/sandbox/{runId}',
  summary:
    '沙盘进度与报告：符合/不符合/信息不全、金额分布、常见不满足条件、与上一版比较、预算是否足够',
  access: ['admin', 'auditor'],
  params: SandboxPath,
  status: 200,
  response: SandboxView,
  errors: ['NOT_FOUND'],
});
