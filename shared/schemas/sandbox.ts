/** 政策沙盘 (issue #11): the request and the report (functions/services/sandbox.ts). */
import { z } from 'zod';
import { IsoDate } from '../facts/dates';
import { RunStatus } from '../vocabulary';
import { PolicyKey } from './common';

/** Which version to try, as of which date (by default today, kept inside its window). */
export const SandboxBody = z.object({
  version: z.number().int().positive().max(999_999),
  asOf: IsoDate.optional(),
  /** Parallel scan segments (the unit of work and of checkpoints). */
  totalSegments: z.number().int().min(1).max(1000).optional(),
});
export type SandboxBody = z.infer<typeof SandboxBody>;

export const SandboxPath = z.object({
  id: PolicyKey,
  runId: z.string().regex(/^run_sandbox~[0-9A-Za-z_.~-]{1,100}$/, '沙盘编号无效'),
});

const Count = z.number().int();

export const SandboxView = z.object({
  id: z.string(),
  policyId: z.string(),
  version: Count,
  title: z.string(),
  versionStatus: z.string(),
  versionStatusLabel: z.string(),
  asOf: IsoDate,
  status: RunStatus,
  segmentsTotal: Count,
  segmentsDone: Count,
  subjectsScanned: Count,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  lastErrors: z.array(z.string()),
  counts: z.object({
    subjects: Count,
    eligible: Count,
    ineligible: Count,
    incomplete: Count,
    /** eligible with an amount above 0: what an auto-grant run would grant */
    payable: Count,
    zeroAmount: Count,
    errors: Count,
  }),
  totalFen: Count,
  averageFen: Count,
  /** (fromFen, toFen]; the last bucket has no toFen */
  distribution: z.array(z.object({ fromFen: Count, toFen: Count.optional(), count: Count })),
  failingConditions: z.array(z.object({ id: z.string(), label: z.string(), count: Count })),
  comparison: z
    .object({
      baselineVersion: Count,
      baselinePayable: Count,
      baselineTotalFen: Count,
      gainers: Count,
      gainedFen: Count,
      losers: Count,
      lostFen: Count,
      newlyEligible: Count,
      noLongerEligible: Count,
      netFen: Count,
    })
    .optional(),
  budget: z.object({
    fiscalYear: Count,
    allocatedFen: Count,
    committedFen: Count,
    remainingFen: Count,
    covers: z.boolean(),
    shortfallFen: Count,
    source: z.enum(['line', 'document']),
  }),
});
export type SandboxView = z.infer<typeof SandboxView>;
