/**
 * The county departments (DESIGN §2), one list and one label table. The bureaus review and
 * pay policies; `guarantee` (县中小企业信用担保公司) and `bank` (合作银行) take the
 * startup-loan steps of DESIGN §4 / POLICIES C, so a policy names only a bureau.
 */
import { z } from 'zod';

export const DEPARTMENTS = [
  'hrss',
  'finance',
  'commerce',
  'sci_tech',
  'industry',
  'housing',
  'guarantee',
  'bank',
] as const;
export const Department = z.enum(DEPARTMENTS);
export type DepartmentCode = z.infer<typeof Department>;

export const DEPARTMENT_LABELS: Readonly<Record<DepartmentCode, string>> = {
  hrss: '人社局', // 人力资源和社会保障局
  finance: '财政局',
  commerce: '商务局',
  sci_tech: '科技局',
  industry: '工信局', // 工业和信息化局
  housing: '住建局', // 住房和城乡建设局
  guarantee: '担保公司',
  bank: '合作银行',
};

/** The bureaus a policy may name as the one that reviews and pays (reviewers see only their own queue). */
export const POLICY_DEPARTMENTS = [
  'hrss',
  'finance',
  'commerce',
  'sci_tech',
  'industry',
  'housing',
] as const satisfies readonly DepartmentCode[];
export const PolicyDepartment = Department.extract(POLICY_DEPARTMENTS);
export type PolicyDepartment = z.infer<typeof PolicyDepartment>;
