/** Bodies of /v1/admin (runs and stats), shared by the functions and the mini-app. */
import { z } from 'zod';
import { IsoDate } from '../facts/dates';
import { RUN_STATUSES, RunStatus } from '../vocabulary';
import { RatingStats } from './rating';

export const StartRunBody = z.object({
  /** The date facts and windows are judged as of; today (Asia/Shanghai) when absent. */
  asOf: IsoDate.optional(),
  /** Catalogue ids to limit the run to; every auto|both policy in its window when absent. */
  policyIds: z
    .array(z.string().regex(/^[a-z][a-z0-9-]*$/))
    .max(50)
    .optional(),
  /** Parallel scan segments (the unit of work and of checkpoints). */
  totalSegments: z.number().int().min(1).max(1000).optional(),
});
export type StartRunBody = z.infer<typeof StartRunBody>;

/** POST /v1/admin/runs:preview — what a run with the same body would grant (nothing is written). */
export const RunPreviewView = z.object({
  asOf: IsoDate,
  subjectsScanned: z.number().int(),
  count: z.number().int(),
  totalFen: z.number().int(),
  byPolicy: z.array(
    z.object({
      policyId: z.string(),
      title: z.string(),
      count: z.number().int(),
      totalFen: z.number().int(),
    }),
  ),
  alreadyGranted: z.number().int(),
  alreadyClaimed: z.number().int(),
});
export type RunPreviewView = z.infer<typeof RunPreviewView>;

export const RunIdParams = z.object({
  id: z.string().regex(/^run_[0-9A-Za-z_.~-]{1,100}$/, '不是有效的批次编号'),
});

export { RUN_STATUSES, RunStatus };

export const RunTotals = z.object({
  subjectsScanned: z.number().int(),
  evaluations: z.number().int(),
  grantsCreated: z.number().int(),
  grantedFen: z.number().int(),
  skipped: z.record(z.string(), z.number().int()),
  errors: z.number().int(),
});
export type RunTotals = z.infer<typeof RunTotals>;

export const RunView = z.object({
  id: z.string(),
  asOf: IsoDate,
  policyIds: z.array(z.string()),
  status: RunStatus,
  dispatch: z.enum(['in-process', 'queue']),
  segmentsTotal: z.number().int(),
  segmentsDone: z.number().int(),
  totals: RunTotals,
  /** a few error messages (masked), newest last */
  lastErrors: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type RunView = z.infer<typeof RunView>;

/**
 * Completion as the seeds count it (issue #16, shared/completion.ts): done (paid) ÷ should be
 * done (everyone the rules find eligible on `asOf`, applied or not), by count and by amount,
 * in basis points rounded half up (13.76% = 1376); null when nobody should be.
 */
export const SeedsCompletion = z.object({
  asOf: IsoDate,
  /** the published version the population was counted under */
  version: z.number().int(),
  computedAt: z.string(),
  shouldCount: z.number().int(),
  shouldFen: z.number().int(),
  doneCount: z.number().int(),
  doneFen: z.number().int(),
  countRateBp: z.number().int().nullable(),
  amountRateBp: z.number().int().nullable(),
});
export type SeedsCompletion = z.infer<typeof SeedsCompletion>;

/** A department's seeds' completion: its policies with a population, summed. */
export const SeedsCompletionSum = SeedsCompletion.omit({ version: true, computedAt: true }).extend({
  /** how many of its policies have a population (the others are left out of the sums) */
  policies: z.number().int(),
});
export type SeedsCompletionSum = z.infer<typeof SeedsCompletionSum>;

export const PolicyStats = z.object({
  policyId: z.string(),
  title: z.string(),
  mode: z.string(),
  /** applications submitted + grants detected */
  applied: z.number().int(),
  /** past review (or, for grants, detected with a confirmed account) and not cancelled */
  approved: z.number().int(),
  paid: z.number().int(),
  paidFen: z.number().int(),
  reservedFen: z.number().int(),
  budgetFen: z.number().int(),
  remainingFen: z.number().int(),
  /** today's rate: paid ÷ approved in basis points (6.55% = 655), rounded down */
  completionRateBp: z.number().int(),
  /** the seeds' rate: paid ÷ should be paid; null until a population has been computed (unknown, never 0%) */
  seedsCompletion: SeedsCompletion.nullable().optional(),
  /** not yet paid and past the policy's payment SLA (working days) */
  overdue: z.number().int(),
  /** 专账: one line per fiscal year (the figures above are their sum) */
  budgetLines: z
    .array(
      z.object({
        fiscalYear: z.number().int(),
        allocatedFen: z.number().int(),
        reservedFen: z.number().int(),
        paidFen: z.number().int(),
        remainingFen: z.number().int(),
      }),
    )
    .optional(),
  /** 追回: still to be recovered, recovered (back in the budget line) and written off (核销) */
  recoveries: z
    .object({
      outstanding: z.number().int(),
      outstandingFen: z.number().int(),
      recoveredFen: z.number().int(),
      writtenOff: z.number().int(),
      writtenOffFen: z.number().int(),
    })
    .optional(),
});
export type PolicyStats = z.infer<typeof PolicyStats>;

/** One department's totals (issue 14: the dashboard per department, with the SLA watch's flags). */
export const DepartmentStats = z.object({
  department: z.string(),
  label: z.string(),
  policies: z.number().int(),
  applied: z.number().int(),
  approved: z.number().int(),
  paid: z.number().int(),
  paidFen: z.number().int(),
  /** payments past their policy's payment SLA (the policies' `overdue`, summed) */
  overduePayments: z.number().int(),
  /** reviews the day's SLA watch flagged overdue */
  overdueReviews: z.number().int(),
  /** the seeds' rate over its policies with a population; null when none has one */
  seedsCompletion: SeedsCompletionSum.nullable().optional(),
});
export type DepartmentStats = z.infer<typeof DepartmentStats>;

/** POST /v1/admin/stats/{id}/population: the count's progress, and the stored population once done. */
export const PopulationRunView = z.object({
  runId: z.string(),
  policyId: z.string(),
  version: z.number().int(),
  asOf: IsoDate,
  status: RunStatus,
  segmentsTotal: z.number().int(),
  segmentsDone: z.number().int(),
  subjectsScanned: z.number().int(),
  /** eligible subjects and their amounts counted so far (final once completed) */
  count: z.number().int(),
  amountFen: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type PopulationRunView = z.infer<typeof PopulationRunView>;

export const StatsView = z.object({
  items: z.array(PolicyStats),
  /** the same figures per department, with the reviews the SLA watch flagged (optional for older clients' fixtures) */
  departments: z.array(DepartmentStats).optional(),
  asOf: z.string(),
  /** 好差评: count and average stars per policy and per department (issue #17) */
  ratings: RatingStats.optional(),
});
export type StatsView = z.infer<typeof StatsView>;
