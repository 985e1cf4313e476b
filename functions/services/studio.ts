/**
 * The policy studio (issue #11): admins author policy versions and dated parameters as data;
 * each command is load → one pure transition (shared/lifecycle/policy-version.ts) → one
 * conditional save with its audit events, then the container's catalogue cache is dropped.
 */
import { openPolicyBudgets } from './budget';
import { actorRef, type Actor } from '../../shared/actor';
import { instantOf, localDateOf } from '../../shared/calendar';
import { DomainError, invalidInput, notFound } from '../../shared/errors';
import {
  createDraft,
  editDraft,
  publish,
  retire,
  returnToDraft,
  setParameterValue,
  submitForReview,
  POLICY_VERSION_STATUS_LABELS,
  type ParameterEvent,
  type ParameterRecord,
  type PolicyVersionRecord,
} from '../../shared/lifecycle/policy-version';
import { requireAdmin, requireAdminOrAuditor } from '../../shared/lifecycle/guards';
import {
  approveParameterValue,
  proposeParameterValue,
  rejectParameterValue,
} from '../../shared/lifecycle/parameter-change';
import {
  checkPolicyDocument,
  Parameter,
  paramValuesOf,
  policyTitlesReading,
  PolicyGoldenCases,
  runGoldenCases,
  withValueFrom,
  type PolicyGoldenCase,
  type PolicyVersion,
} from '../../shared/policies';
import type {
  DraftBody,
  ImportCatalogueBody,
  NewVersionBody,
  ParameterActionBody,
  SetParameterBody,
} from '../../shared/schemas/studio';
import {
  findParameter,
  getPolicyVersion,
  importItemCount,
  loadCatalogueItems,
  MAX_TRANSACTION_ITEMS,
  policyHeadRevision,
  policyVersionTimeline,
  saveImport,
  saveParameter,
  savePolicyVersion,
  type ImportWrite,
} from '../repositories/policies';
import { invalidateCatalogue } from './catalogue';

// ── views ────────────────────────────────────────────────────────────────────

export function versionSummary(r: PolicyVersionRecord) {
  return {
    id: r.policyId,
    version: r.policyVersion,
    title: r.document.title,
    status: r.status,
    statusLabel: POLICY_VERSION_STATUS_LABELS[r.status],
    department: r.document.department,
    mode: r.document.mode,
    subjectKind: r.document.subjectKind,
    effectiveFrom: r.document.effectiveFrom,
    effectiveTo: r.document.effectiveTo,
    goldenCases: r.goldenCases.length,
    createdBy: r.createdBy,
    editors: r.editors,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.publishedBy ? { publishedBy: r.publishedBy, publishedAt: r.publishedAt } : {}),
    ...(r.retiredAt ? { retiredAt: r.retiredAt, retireReason: r.retireReason } : {}),
    revision: r.version,
  };
}

async function versionDetail(r: PolicyVersionRecord, parameters: readonly Parameter[]) {
  const failures = runGoldenCases(r.document, r.goldenCases, paramValuesOf(parameters));
  const failed = new Map(failures.map((f) => [f.index, f]));
  return {
    ...versionSummary(r),
    document: r.document,
    goldenCases: r.goldenCases,
    goldenResults: r.goldenCases.map((c, index) => {
      const f = failed.get(index);
      return f
        ? { name: c.name, passed: false, why: f.why, actual: f.actual }
        : { name: c.name, passed: true };
    }),
    timeline: await policyVersionTimeline(r.policyId, r.policyVersion),
  };
}

/**
 * A parameter as the admin pages read it: with the caller, whether it may approve each
 * proposal (an admin other than its proposer); in the list, the titles of the policies that
 * read it (issue #17: people read titles, not the parameter's name).
 */
const parameterView = (p: ParameterRecord, actor?: Actor, policyTitles?: readonly string[]) => ({
  name: p.name,
  label: p.label,
  unit: p.unit,
  ...(p.note === undefined ? {} : { note: p.note }),
  values: p.values,
  updatedAt: p.updatedAt,
  updatedBy: p.updatedBy,
  revision: p.version,
  ...(p.proposals?.length
    ? {
        proposals: p.proposals.map((q) => ({
          ...q,
          ...(actor ? { canApprove: actor.kind === 'admin' && actor.userId !== q.proposedBy } : {}),
        })),
      }
    : {}),
  ...(policyTitles ? { policyTitles } : {}),
});

// ── checks ───────────────────────────────────────────────────────────────────

function goldenCasesOf(input: unknown, path: (string | number)[] = []): PolicyGoldenCase[] {
  const r = PolicyGoldenCases.safeParse(input ?? []);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const at = [...path, 'goldenCases', ...(first?.path ?? [])].map((k) =>
    typeof k === 'symbol' ? String(k) : k,
  );
  throw invalidInput(`测试用例格式不正确：${at.join('.')}`, {
    reason: 'GOLDEN_CASES_INVALID',
    path: at,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });
}

/** The document checked against the table's parameters, its path prefixed (import: `policies.3.document`). */
function documentOf(
  input: unknown,
  parameters: readonly Parameter[],
  version: number,
  path: (string | number)[] = [],
): PolicyVersion {
  const withVersion =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? { ...(input as Record<string, unknown>), version }
      : input;
  try {
    return checkPolicyDocument(withVersion, parameters);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'INVALID_INPUT') {
      const d = (e.details ?? {}) as { path?: (string | number)[] };
      throw invalidInput(e.message, { ...d, path: [...path, 'document', ...(d.path ?? [])] });
    }
    throw e;
  }
}

// ── queries ──────────────────────────────────────────────────────────────────

export async function listPolicyVersions(actor: Actor) {
  requireAdminOrAuditor(actor);
  const { versions } = await loadCatalogueItems();
  return { items: versions.map(versionSummary) };
}

export async function policyVersionDetail(actor: Actor, id: string, version: number) {
  requireAdminOrAuditor(actor);
  const [r, { parameters }] = await Promise.all([
    getPolicyVersion(id, version),
    loadCatalogueItems(),
  ]);
  return versionDetail(r, parameters);
}

export async function listParameters(actor: Actor, at: Date) {
  requireAdminOrAuditor(actor);
  const { versions, parameters } = await loadCatalogueItems();
  const docs = versions.map((v) => v.document);
  return {
    items: parameters.map((p) => parameterView(p, actor, policyTitlesReading(p.name, docs))),
    asOf: localDateOf(instantOf(at)),
  };
}

/** Every version (any status) with its golden cases, and every parameter: the studio's JSON export. */
export async function exportCatalogue(actor: Actor) {
  requireAdminOrAuditor(actor);
  const { versions, parameters } = await loadCatalogueItems();
  return {
    policies: versions.map((v) => ({
      status: v.status,
      document: v.document,
      goldenCases: v.goldenCases,
    })),
    parameters: parameters.map((p) => ({
      name: p.name,
      label: p.label,
      unit: p.unit,
      ...(p.note === undefined ? {} : { note: p.note }),
      values: p.values,
    })),
  };
}

// ── commands ─────────────────────────────────────────────────────────────────

function versionsOfId(items: readonly PolicyVersionRecord[], id: string): number[] {
  return items.filter((v) => v.policyId === id).map((v) => v.policyVersion);
}

/** POST /v1/admin/policy-versions: version 1 of a new policy, as a draft. */
export async function createPolicy(actor: Actor, body: DraftBody, at: Date) {
  requireAdmin(actor);
  const { versions, parameters } = await loadCatalogueItems();
  const document = documentOf(body.document, parameters, 1);
  const goldenCases = goldenCasesOf(body.goldenCases);
  const t = createDraft(
    { document, goldenCases, existingVersions: versionsOfId(versions, document.id), as: 'policy' },
    actor,
    instantOf(at),
  );
  await savePolicyVersion(t.next, t.events, 'new');
  return versionDetail(t.next, parameters);
}

/** POST /v1/admin/policy-versions/{id}: the next version, from a document or a copy of the latest. */
export async function createVersion(actor: Actor, id: string, body: NewVersionBody, at: Date) {
  requireAdmin(actor);
  const { versions, parameters } = await loadCatalogueItems();
  const existing = versions.filter((v) => v.policyId === id);
  const latest = existing.reduce<PolicyVersionRecord | undefined>(
    (a, b) => (a && a.policyVersion > b.policyVersion ? a : b),
    undefined,
  );
  if (!latest) throw notFound(`政策「${id}」`);
  const next = latest.policyVersion + 1;
  const copy = body.document === undefined;
  const document = documentOf(copy ? latest.document : body.document, parameters, next);
  if (document.id !== id) {
    throw invalidInput('文档中的政策编号与路径不一致', {
      reason: 'ID_MISMATCH',
      path: ['document', 'id'],
    });
  }
  const goldenCases =
    body.goldenCases === undefined && copy
      ? [...latest.goldenCases]
      : goldenCasesOf(body.goldenCases);
  const t = createDraft(
    {
      document,
      goldenCases,
      existingVersions: existing.map((v) => v.policyVersion),
      as: 'version',
      ...(copy ? { copiedFrom: latest.policyVersion } : {}),
    },
    actor,
    instantOf(at),
  );
  await savePolicyVersion(t.next, t.events, 'new');
  return versionDetail(t.next, parameters);
}

/** PUT /v1/admin/policy-versions/{id}/{version}: replaces a draft's document and golden cases. */
export async function updateDraft(
  actor: Actor,
  id: string,
  version: number,
  body: DraftBody,
  at: Date,
) {
  requireAdmin(actor);
  const [r, { parameters }] = await Promise.all([
    getPolicyVersion(id, version),
    loadCatalogueItems(),
  ]);
  const document = documentOf(body.document, parameters, version);
  const t = editDraft(
    r,
    { document, goldenCases: goldenCasesOf(body.goldenCases) },
    actor,
    instantOf(at),
  );
  await savePolicyVersion(t.next, t.events, r.version);
  return versionDetail(t.next, parameters);
}

/** POST /v1/admin/policy-versions/{id}/{version}/{submit|return|publish|retire}. */
export async function transitionVersion(
  actor: Actor,
  id: string,
  version: number,
  action: 'submit' | 'return' | 'publish' | 'retire',
  body: { note?: string; reason?: string } | undefined,
  at: Date,
) {
  requireAdmin(actor);
  const now = instantOf(at);
  const [r, { versions, parameters }, head] = await Promise.all([
    getPolicyVersion(id, version),
    loadCatalogueItems(),
    policyHeadRevision(id),
  ]);
  const params = paramValuesOf(parameters);
  let t;
  switch (action) {
    case 'submit':
      t = submitForReview(r, { params }, actor, now);
      break;
    case 'return':
      t = returnToDraft(r, { note: body?.note ?? '' }, actor, now);
      break;
    case 'publish':
      t = publish(
        r,
        {
          params,
          published: versions
            .filter((v) => v.policyId === id && v.status === 'published')
            .map((v) => v.document),
        },
        actor,
        now,
      );
      break;
    case 'retire':
      t = retire(r, { reason: body?.reason ?? '' }, actor, now);
      break;
  }
  const moves = action === 'publish' || action === 'retire';
  await savePolicyVersion(t.next, t.events, r.version, moves ? { headRevision: head } : {});
  if (moves) invalidateCatalogue();
  // a published version's budget opens (or moves) its lines at once, so its items can reserve
  if (action === 'publish') await openPolicyBudgets([t.next.document]);
  return versionDetail(t.next, parameters);
}

/**
 * PUT /v1/admin/parameters/{name}: a value from a date on (today at the earliest). A new
 * parameter (label and unit needed) holds at once: no published version reads it yet. A new
 * value of an existing one is proposed: it holds once another admin approves it (four eyes).
 */
export async function setParameter(actor: Actor, name: string, body: SetParameterBody, at: Date) {
  requireAdmin(actor);
  const now = instantOf(at);
  const current = await findParameter(name);
  if (current) {
    const t = proposeParameterValue(
      current,
      {
        from: body.from,
        value: body.value,
        ...(body.note === undefined ? {} : { note: body.note }),
      },
      localDateOf(now),
      actor,
      now,
    );
    await saveParameter(t.next, t.events, current.version);
    return parameterView(t.next, actor);
  }
  const t = setParameterValue(current, { name, ...body }, localDateOf(now), actor, now);
  await saveParameter(t.next, t.events, 'new');
  invalidateCatalogue();
  return parameterView(t.next, actor);
}

/** POST /v1/admin/parameters/{name}/{from}/{approve|reject}: another admin approves the proposed value, or any admin rejects it with a reason. */
export async function decideParameterValue(
  actor: Actor,
  name: string,
  from: string,
  action: 'approve' | 'reject',
  body: ParameterActionBody,
  at: Date,
) {
  requireAdmin(actor);
  const now = instantOf(at);
  const current = await findParameter(name);
  if (!current) throw notFound(`参数「${name}」`);
  const t =
    action === 'approve'
      ? approveParameterValue(current, from, localDateOf(now), actor, now)
      : rejectParameterValue(current, from, body?.reason, actor, now);
  await saveParameter(t.next, t.events, current.version);
  if (action === 'approve') invalidateCatalogue();
  return parameterView(t.next, actor);
}

/**
 * POST /v1/admin/catalogue:import: parameters and policies from an export, all checked before
 * anything is written, then written in one transaction (nothing half-saved). Each policy
 * becomes a draft: version 1 of a new id, or the next version of an existing one; each
 * parameter is created, or its new values from today on are proposed on the existing one (a
 * second admin approves them, as a value set through PUT).
 */
export async function importCatalogue(actor: Actor, body: ImportCatalogueBody, at: Date) {
  requireAdmin(actor);
  const now = instantOf(at);
  const today = localDateOf(now);
  const { versions, parameters } = await loadCatalogueItems();
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const writes: ImportWrite[] = [];
  const seenParams = new Set<string>();
  const merged = new Map<string, Parameter>(parameters.map((p) => [p.name, p]));
  body.parameters.forEach((raw, i) => {
    const r = Parameter.safeParse(raw);
    if (!r.success) {
      const first = r.error.issues[0];
      throw invalidInput(
        `参数格式不正确：parameters.${String(i)}.${(first?.path ?? []).map(String).join('.')}`,
        {
          reason: 'PARAMETER_INVALID',
          path: ['parameters', i, ...(first?.path ?? []).map(String)],
        },
      );
    }
    const p = r.data;
    if (seenParams.has(p.name)) {
      throw invalidInput(`参数「${p.name}」在导入内容中重复`, {
        reason: 'DUPLICATE_PARAMETER',
        path: ['parameters', i, 'name'],
      });
    }
    seenParams.add(p.name);
    const current = byName.get(p.name);
    let next: Parameter = current ?? { ...p, values: [] };
    const added: { from: string; value: number }[] = [];
    for (const v of p.values) {
      const had = current?.values.find((x) => x.from === v.from);
      if (had?.value === v.value) continue;
      if (current && v.from < today) {
        throw invalidInput(
          `参数「${p.name}」${v.from} 的取值与已发布的不同；已过去的日期不能修改`,
          {
            reason: 'RETROACTIVE',
            path: ['parameters', i, 'values'],
          },
        );
      }
      next = withValueFrom(next, v.from, v.value);
      added.push(v);
    }
    if (current && added.length === 0) return;
    if (current) {
      // a new value of an existing parameter is proposed, as through PUT: a second admin approves it
      let proposed: ParameterRecord = current;
      const events: ParameterEvent[] = [];
      for (const v of added) {
        const t = proposeParameterValue(proposed, v, today, actor, now);
        proposed = t.next;
        events.push(...t.events);
      }
      writes.push({ kind: 'parameter', next: proposed, events, expectedVersion: current.version });
      return;
    }
    // a new parameter holds at once (no published version reads it yet)
    merged.set(p.name, next);
    const version = 1;
    const record: ParameterRecord = {
      ...next,
      updatedAt: now,
      updatedBy: actor.userId,
      version,
    };
    writes.push({
      kind: 'parameter',
      next: record,
      events: next.values.map((v) => ({
        type: 'ParameterValueSet' as const,
        name: p.name,
        from: v.from,
        value: v.value,
        by: actorRef(actor),
        at: now,
        version,
      })),
      expectedVersion: 'new',
    });
  });
  const allParams = [...merged.values()];
  const seenIds = new Map<string, number>();
  body.policies.forEach((p, i) => {
    const id =
      p.document !== null && typeof p.document === 'object'
        ? (p.document as { id?: unknown }).id
        : undefined;
    const existing = typeof id === 'string' ? versionsOfId(versions, id) : [];
    const version = Math.max(0, ...existing) + 1;
    const document = documentOf(p.document, allParams, version, ['policies', i]);
    if (seenIds.has(document.id)) {
      throw invalidInput(`政策编号「${document.id}」在导入内容中重复`, {
        reason: 'DUPLICATE_POLICY_ID',
        path: ['policies', i, 'document', 'id'],
      });
    }
    seenIds.set(document.id, i);
    const t = createDraft(
      {
        document,
        goldenCases: goldenCasesOf(p.goldenCases, ['policies', i]),
        existingVersions: existing,
        as: existing.length > 0 ? 'version' : 'policy',
      },
      actor,
      now,
    );
    writes.push({ kind: 'version', next: t.next, events: t.events });
  });
  if (importItemCount(writes) > MAX_TRANSACTION_ITEMS) {
    throw new DomainError('PAYLOAD_TOO_LARGE', '一次导入的内容过多，请分批导入', {
      reason: 'IMPORT_TOO_LARGE',
    });
  }
  if (writes.length > 0) await saveImport(writes);
  invalidateCatalogue();
  return {
    drafts: writes
      .filter((w) => w.kind === 'version')
      .map((w) => ({ id: w.next.policyId, version: w.next.policyVersion })),
    parameters: writes.filter((w) => w.kind === 'parameter').map((w) => w.next.name),
  };
}
