/** 数据导入: a feed the server refuses whole shows each refused row with its line and reason. */
import { marketRegistry } from '@shared/facts/examples';
import { importFacts } from '../../api/admin';
import { ApiError } from '../../api/client';
import {
  click,
  findByText,
  getAllByTestId,
  getByText,
  render,
  waitFor,
} from '../../test-support/render';
import AdminImportPage from './index';

jest.mock('../../api/admin', () => ({ importFacts: jest.fn() }));
const importFactsMock = importFacts as jest.MockedFunction<typeof importFacts>;

async function typeInto(page: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = page.querySelector<HTMLTextAreaElement>(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  });
  const { act } = await import('react');
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

test('case 10: a refused feed lists its rows; nothing is reported as imported', async () => {
  importFactsMock.mockRejectedValue(
    new ApiError(400, 'INVALID_INPUT', '数据有 1 行不合格，整批未导入；请修正后重新导入', {
      reason: 'feed_rejected',
      rows: 2,
      rejected: [
        { line: 2, reasons: ['与第 1 行重复（同一主体、来源和期间开始日期 2019-01-01）'] },
      ],
    }),
  );
  const page = await render(<AdminImportPage />);
  await typeInto(page, 'textarea', JSON.stringify(marketRegistry()));
  expect(await findByText(page, '预检：共 1 行，有问题 0 行，可以导入')).toBeTruthy();
  await click(getByText(page, '导入'));
  expect(await findByText(page, '数据有 1 行不合格，整批未导入；请修正后重新导入')).toBeTruthy();
  const rows = getAllByTestId(page, 'rejected');
  expect(rows).toHaveLength(1);
  expect(rows[0].textContent).toContain('第 2 行：');
  expect(rows[0].textContent).toContain('与第 1 行重复');
  expect(page.querySelector('[data-testid="import-result"]')).toBeNull();
});
