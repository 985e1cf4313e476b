/** 添加测试用例 as a form (issue #11): coded fields by their Chinese labels, the case handed to the editor. */
import { click, getByText, render, waitFor } from '../../test-support/render';
import { typeInto } from '../../test-support/type-into';
import { goldenRows } from '../../test-support/fixtures';
import { fieldChoices } from '../studio/form';
import { GoldenCaseForm } from './golden-form';

const CHOICES = fieldChoices();
const ROWS = goldenRows;

const byTestId = (page: HTMLElement, id: string) =>
  waitFor(() => {
    const el = page.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!el) throw new Error(`no ${id}`);
    return el;
  });

test('a 不符合 case from the form: values picked by label, the failing condition ticked', async () => {
  const onAdd = jest.fn().mockReturnValue(undefined);
  const page = await render(
    <GoldenCaseForm
      rows={ROWS}
      choices={CHOICES}
      subjectKind="enterprise"
      asOf="2020-12-15"
      onAdd={onAdd}
    />,
  );
  await click(await byTestId(page, 'golden-form-open'));
  const form = await byTestId(page, 'golden-form');
  // a coded field reads in Chinese, never its code (issue #17)
  expect(form.textContent).not.toMatch(/operating|deregistered/);
  await click(getByText(page, '添加用例'));
  expect(await waitFor(() => getByText(page, '请填写用例名称'))).toBeTruthy();
  expect(onAdd).not.toHaveBeenCalled();

  await typeInto(form, 'input', '参保人数不足 → 不符合', 0);
  await click(getByText(page, '不符合'));
  await typeInto(form, 'input', '5', 2);
  await click(await byTestId(page, 'g-failing-c2'));
  await click(getByText(page, '添加用例'));
  await waitFor(() => {
    expect(onAdd).toHaveBeenCalledTimes(1);
  });
  expect(onAdd.mock.calls[0]?.[0]).toMatchObject({
    name: '参保人数不足 → 不符合',
    asOf: '2020-12-15',
    verdict: 'ineligible',
    failing: ['c2'],
    facts: [
      { source: 'market_registry', values: { status: 'operating' } },
      { source: 'social_insurance', values: { role: 'employer', headcountAtYearStart: 5 } },
    ],
  });
});
