/**
 * Every vocabulary is defined once, here, with a Chinese label for each value (issue #15).
 * The second half reads the source tree: a copy of a vocabulary's value list, or a second
 * label table for it, anywhere outside shared/vocabulary fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vocabulary from './index';

type Vocabulary = {
  name: string;
  values: readonly string[];
  labels: Readonly<Record<string, string>>;
};

const VOCABULARIES: Vocabulary[] = [
  { name: 'SubjectKind', values: vocabulary.SUBJECT_KINDS, labels: vocabulary.SUBJECT_KIND_LABELS },
  { name: 'PolicyKind', values: vocabulary.POLICY_KINDS, labels: vocabulary.POLICY_KIND_LABELS },
  { name: 'PolicyMode', values: vocabulary.POLICY_MODES, labels: vocabulary.POLICY_MODE_LABELS },
  {
    name: 'BenefitPeriod',
    values: vocabulary.BENEFIT_PERIODS,
    labels: vocabulary.BENEFIT_PERIOD_LABELS,
  },
  { name: 'Department', values: vocabulary.DEPARTMENTS, labels: vocabulary.DEPARTMENT_LABELS },
  { name: 'Role', values: vocabulary.ROLES, labels: vocabulary.ROLE_LABELS },
  {
    name: 'ApplicationStatus',
    values: vocabulary.APPLICATION_STATUSES,
    labels: vocabulary.APPLICATION_STATUS_LABELS,
  },
  {
    name: 'GrantStatus',
    values: vocabulary.GRANT_STATUSES,
    labels: vocabulary.GRANT_STATUS_LABELS,
  },
  {
    name: 'PayableStatus',
    values: vocabulary.PAYABLE_STATUSES,
    labels: vocabulary.PAYABLE_STATUS_LABELS,
  },
  { name: 'PayableKind', values: vocabulary.PAYABLE_KINDS, labels: vocabulary.PAYABLE_KIND_LABELS },
  {
    name: 'PaymentStatus',
    values: vocabulary.PAYMENT_STATUSES,
    labels: vocabulary.PAYMENT_STATUS_LABELS,
  },
  {
    name: 'PaymentBatchStatus',
    values: vocabulary.PAYMENT_BATCH_STATUSES,
    labels: vocabulary.PAYMENT_BATCH_STATUS_LABELS,
  },
  {
    name: 'RecoveryStatus',
    values: vocabulary.RECOVERY_STATUSES,
    labels: vocabulary.RECOVERY_STATUS_LABELS,
  },
  {
    name: 'ObjectionStatus',
    values: vocabulary.OBJECTION_STATUSES,
    labels: vocabulary.OBJECTION_STATUS_LABELS,
  },
  { name: 'LoanStatus', values: vocabulary.LOAN_STATUSES, labels: vocabulary.LOAN_STATUS_LABELS },
  { name: 'RunStatus', values: vocabulary.RUN_STATUSES, labels: vocabulary.RUN_STATUS_LABELS },
];

const HAN = /[\u4e00-\u9fff]/;

describe('each vocabulary', () => {
  it.each(VOCABULARIES.map((v) => [v.name, v] as const))(
    '%s: every value has a non-empty Chinese label, and no label names a value it lacks',
    (_name, v) => {
      for (const value of v.values) {
        const label = v.labels[value] ?? '';
        // a value without a label would show as its code: name it in the failure
        expect({ value, hasChineseLabel: label.trim() !== '' && HAN.test(label) }).toEqual({
          value,
          hasChineseLabel: true,
        });
      }
      expect(Object.keys(v.labels).sort()).toEqual([...v.values].sort());
    },
  );

  it('the zod enums accept exactly the listed values', () => {
    expect(vocabulary.SubjectKind.options).toEqual([...vocabulary.SUBJECT_KINDS]);
    expect(vocabulary.Department.options).toEqual([...vocabulary.DEPARTMENTS]);
    expect(
      vocabulary.PolicyDepartment.options.every((d) => vocabulary.DEPARTMENTS.includes(d)),
    ).toBe(true);
    expect(vocabulary.ApplicationStatus.safeParse('paid').success).toBe(true);
    expect(vocabulary.ApplicationStatus.safeParse('nope').success).toBe(false);
  });
});

// ── the source tree holds no second copy ────────────────────────────────────────────

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['shared', 'functions', 'infra', 'client/src', 'test'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.serverless', '.esbuild', '.data']);

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const FILES = SCANNED.flatMap((d) => sourceFiles(join(ROOT, d)))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => !f.path.startsWith('shared/vocabulary/'));

/** `['a', 'b']` or `["a","b",]` across lines: the value list written out again. */
function listPattern(values: readonly string[]): RegExp {
  const items = values.map((v) => `['"]${v}['"]`).join('\\s*,\\s*');
  return new RegExp(`\\[\\s*${items}\\s*,?\\s*\\]`);
}

/** An object literal (one `{ … }` without nested braces) giving every value a Chinese text: a second label table. */
function labelTableIn(text: string, values: readonly string[]): boolean {
  return (text.match(/\{[^{}]*\}/g) ?? []).some((block) =>
    values.every((v) =>
      new RegExp(`(^|[\\s{,])['"]?${v}['"]?\\s*:\\s*['"\`][^'"\`\\n]*[\\u4e00-\\u9fff]`, 'm').test(
        block,
      ),
    ),
  );
}

describe('no vocabulary is declared twice', () => {
  it('the scan sees the tree (the services, the lifecycles and the mini-app pages)', () => {
    const paths = FILES.map((f) => f.path);
    expect(paths).toContain('functions/services/views.ts');
    expect(paths).toContain('shared/lifecycle/application.ts');
    expect(paths.some((p) => p.startsWith('client/src/pages/'))).toBe(true);
  });

  it.each(VOCABULARIES.map((v) => [v.name, v] as const))(
    '%s: its value list and its label table exist only in shared/vocabulary',
    (_name, v) => {
      const lists = FILES.filter((f) => listPattern(v.values).test(f.text)).map((f) => f.path);
      const tables = FILES.filter((f) => labelTableIn(f.text, v.values)).map((f) => f.path);
      expect({ lists, tables }).toEqual({ lists: [], tables: [] });
    },
  );

  it('the check catches the copies this issue found', () => {
    const copy = `export const SubjectKind = z.enum(['enterprise', 'person']);
export const DEPARTMENT_LABELS: Record<DepartmentCode, string> = {
  hrss: '县人社局', finance: '县财政局', commerce: '县商务局', sci_tech: '县科技局',
  industry: '县工信局', housing: '县住建局', guarantee: '担保公司', bank: '合作银行',
};`;
    expect(listPattern(vocabulary.SUBJECT_KINDS).test(copy)).toBe(true);
    expect(labelTableIn(copy, vocabulary.DEPARTMENTS)).toBe(true);
    expect(labelTableIn(copy, vocabulary.POLICY_MODES)).toBe(false);
    // two tables that each name one of the values are not a copy
    expect(
      labelTableIn(
        "const A = { enterprise: '企业' };\nconst B = { person: '个人' };",
        vocabulary.SUBJECT_KINDS,
      ),
    ).toBe(false);
  });
});
