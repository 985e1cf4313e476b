/**
 * The per-policy export (issue 14): every application and grant of a policy with every payment
 * attempt, one CSV row per payment (an item not yet paid has one row with empty payment
 * columns), for 审计 and for reconciling against the treasury's statement by idempotency key
 * and treasury reference.
 *
 * Streamed: the items are read one DynamoDB page at a time (keys-only index + BatchGet), each
 * page's rows are written at once to a multipart upload (functions/adapters/exports.ts), and
 * nothing keeps more than one page of items and one upload part in memory. The answer is a
 * short-lived link to the file.
 */
import { instantOf, localDateOf } from '../../shared/calendar';
import { notFound } from '../../shared/errors';
import type { PolicyId } from '../../shared/ids';
import { APPLICATION_STATUS_LABELS, type Application } from '../../shared/lifecycle/application';
import { GRANT_STATUS_LABELS, type Grant } from '../../shared/lifecycle/grant';
import { maskBankAccount } from '../../shared/mask';
import { formatFen } from '../../shared/money';
import { PAYMENT_STATUS_LABELS, type Payment } from '../../shared/payment';
import type { AuditExport } from '../../shared/schemas/audit';
import { DEPARTMENT_LABELS } from '../../shared/vocabulary';
import { openExport, presignExportGet } from '../adapters/exports';
import { newId } from '../_lib/new-id';
import { applicationsOfPolicyPage } from '../repositories/applications';
import { grantsOfPolicyPage } from '../repositories/grants';
import { paymentsOfItem } from '../repositories/payments';
import { policyCatalogue } from './catalogue';
import { policyRef } from './policy-ref';
import { mapLimit } from './retry';
import { subjectViews } from './views';

/** Items read per DynamoDB page (and per BatchGet: at most 100). */
export const EXPORT_PAGE = 100;
const LINK_SECONDS = 10 * 60;

export const EXPORT_COLUMNS = [
  '类型',
  '事项编号',
  '政策',
  '政策版本',
  '部门',
  '主体编号',
  '主体名称',
  '事项状态',
  '核定金额（分）',
  '核定金额（元）',
  '支付编号',
  '支付次数',
  '幂等键',
  '支付状态',
  '支付金额（分）',
  '收款账户',
  '国库流水号',
  '支付创建时间',
  '支付完成时间',
  '原因',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused. */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (fields: readonly (string | number | undefined)[]) =>
  `${fields.map(csvField).join(',')}\r\n`;

type Item = { kind: 'application'; item: Application } | { kind: 'grant'; item: Grant };

function rowsOf(x: Item, name: string, payments: readonly Payment[]): string {
  const i = x.item;
  const amountFen = x.kind === 'application' ? (x.item.approvedFen ?? undefined) : x.item.amountFen;
  const head = [
    x.kind === 'application' ? '依申请' : '免申即享',
    i.id,
    i.policyId.slice('pol_'.length),
    i.policyVersion,
    DEPARTMENT_LABELS[i.department],
    i.subjectId,
    name,
    x.kind === 'application'
      ? APPLICATION_STATUS_LABELS[x.item.status]
      : GRANT_STATUS_LABELS[x.item.status],
    amountFen,
    amountFen === undefined ? undefined : formatFen(amountFen),
  ];
  if (payments.length === 0) return line([...head, ...Array<undefined>(10)]);
  return payments
    .map((p) =>
      line([
        ...head,
        p.id,
        p.attempt,
        p.idempotencyKey,
        PAYMENT_STATUS_LABELS[p.status],
        p.amountFen,
        maskBankAccount(p.payee.accountNumber),
        p.treasuryRef,
        p.createdAt,
        p.settledAt,
        p.reason,
      ]),
    )
    .join('');
}

/**
 * Writes the policy's export and answers a link to it. `pageSize` (tests) reads fewer items
 * per page, to show the pages.
 */
export async function exportPolicy(
  catalogueId: string,
  now: Date,
  o: { pageSize?: number } = {},
): Promise<AuditExport> {
  const catalogue = await policyCatalogue();
  if (!catalogue.find(catalogueId)) throw notFound('政策');
  const policyId: PolicyId = policyRef(catalogueId);
  const limit = Math.min(Math.max(1, o.pageSize ?? EXPORT_PAGE), EXPORT_PAGE);
  const key = `exports/${catalogueId}/${localDateOf(instantOf(now))}-${newId('run').slice(4)}.csv`;
  const out = await openExport(key, 'text/csv; charset=utf-8');
  let rows = 0;
  let pages = 0;
  try {
    // a BOM so that spreadsheet programs read the Chinese as UTF-8
    await out.write(`\uFEFF${line(EXPORT_COLUMNS)}`);
    for (const kind of ['application', 'grant'] as const) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page =
          kind === 'application'
            ? await applicationsOfPolicyPage(policyId, startKey, limit)
            : await grantsOfPolicyPage(policyId, startKey, limit);
        pages++;
        const items: Item[] = page.items.map((item) => ({ kind, item }) as Item);
        const [names, payments] = await Promise.all([
          subjectViews(items.map((x) => x.item.subjectId)),
          mapLimit(items, 8, (x) => paymentsOfItem(x.item.id)),
        ]);
        let text = '';
        items.forEach((x, n) => {
          const ps = payments[n] ?? [];
          rows += Math.max(1, ps.length);
          text += rowsOf(x, names.get(x.item.subjectId)?.name ?? '', ps);
        });
        if (text) await out.write(text);
        startKey = page.lastKey;
      } while (startKey);
    }
    const done = await out.finish();
    return {
      policyId: catalogueId,
      url: await presignExportGet(key, LINK_SECONDS),
      key,
      rows,
      pages,
      bytes: done.bytes,
    };
  } catch (e) {
    await out.abort().catch(() => undefined);
    throw e;
  }
}
