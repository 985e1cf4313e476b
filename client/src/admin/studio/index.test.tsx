/** 政策工坊's list (issues #11, #17): each policy by its Chinese title and its versions, never its id. */
import { listVersions, type VersionSummary } from '../../api/studio';
import { findByText, getAllByTestId, render, waitFor } from '../../test-support/render';
import StudioPage from './index';

jest.mock('../../api/studio', () => ({
  listVersions: jest.fn(),
  exportCatalogue: jest.fn(),
}));
const listMock = listVersions as jest.MockedFunction<typeof listVersions>;

const version = (v: Partial<VersionSummary>): VersionSummary => ({
  id: 'county-hire-bonus',
  version: 1,
  title: '县级稳岗奖励',
  status: 'published',
  statusLabel: '已发布',
  mode: 'auto',
  subjectKind: 'enterprise',
  effectiveFrom: '2020-12-01',
  effectiveTo: '2021-12-31',
  createdBy: 'usr_admin01',
  editors: ['usr_admin01'],
  ...v,
});

beforeEach(() => {
  jest.clearAllMocks();
});

test('a policy shows its title and its versions newest first, and never its id (issue #17)', async () => {
  listMock.mockResolvedValue({
    items: [
      version({}),
      version({ version: 2, status: 'draft', statusLabel: '草稿' }),
      version({ id: 'hire-local', title: '中小微企业吸纳本县劳动力就业一次性奖补' }),
    ],
  });
  const page = await render(<StudioPage />);
  await findByText(page, '县级稳岗奖励');
  const cards = await waitFor(() => getAllByTestId(page, 'studio-policy'));
  expect(cards).toHaveLength(2);
  expect(cards[0].textContent).toMatch(/第2版草稿.*第1版已发布/);
  expect(cards[1].textContent).toContain('中小微企业吸纳本县劳动力就业一次性奖补');
  expect(page.textContent).not.toMatch(/county-hire-bonus|hire-local/);
});

test('the studio links to the parameters page', async () => {
  listMock.mockResolvedValue({ items: [version({})] });
  const page = await render(<StudioPage />);
  await findByText(page, '县级稳岗奖励');
  expect(page.querySelector('[data-testid="studio-parameters"]')?.textContent).toContain(
    '政策参数',
  );
});
