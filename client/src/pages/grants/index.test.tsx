/** 免申即享: 好差评 once a grant is paid (issue #17), as a paid application has it. */
import { rateService } from '../../api/applications';
import { listGrants, type GrantView } from '../../api/grants';
import { click, findByText, getAllByTestId, render, waitFor } from '../../test-support/render';
import GrantsPage from './index';

jest.mock('../../api/grants', () => ({ listGrants: jest.fn(), confirmGrant: jest.fn() }));
jest.mock('../../api/applications', () => ({ rateService: jest.fn() }));
const listMock = listGrants as jest.MockedFunction<typeof listGrants>;
const rateMock = rateService as jest.MockedFunction<typeof rateService>;

const grant = (over: Partial<GrantView>): GrantView => ({
  id: 'grt_01',
  policyId: 'transfer-stable',
  policyTitle: '贫困劳动力稳岗补贴',
  period: '2020',
  amountFen: 50_000,
  status: 'paid',
  statusLabel: '已到账',
  accountMasked: '****0030',
  bankName: '甘肃省农村信用社',
  detectedAt: '2020-12-15T02:00:00.000Z',
  paidAt: '2020-12-23T02:00:00.000Z',
  ...over,
});

beforeEach(() => jest.clearAllMocks());

test('a paid grant has the rating card; a grant in 公示 has none; a rated one shows the rating', async () => {
  listMock.mockResolvedValue({
    items: [
      grant({ id: 'grt_paid' }),
      grant({ id: 'grt_pub', status: 'publicity', statusLabel: '公示中', paidAt: undefined }),
      grant({
        id: 'grt_rated',
        rating: {
          kind: 'grant',
          itemId: 'grt_rated',
          stars: 4,
          starsLabel: '满意',
          at: '2020-12-24T02:00:00.000Z',
        },
      }),
    ],
  });
  const page = await render(<GrantsPage />);
  await findByText(page, '服务评价（好差评）');
  const cards = getAllByTestId(page, 'grant');
  expect(cards).toHaveLength(3);
  expect(cards[0].querySelector('[data-testid="rating"]')).not.toBeNull();
  expect(cards[1].querySelector('[data-testid="rating"], [data-testid="rating-done"]')).toBeNull();
  expect(cards[2].querySelector('[data-testid="rating-done"]')?.textContent).toContain(
    '★★★★（满意）',
  );
});

test('rating a paid grant sends kind grant and its id, then shows the rating', async () => {
  listMock.mockResolvedValue({ items: [grant({ id: 'grt_paid' })] });
  rateMock.mockResolvedValue({
    kind: 'grant',
    itemId: 'grt_paid',
    stars: 5,
    starsLabel: '非常满意',
    at: '2020-12-24T02:00:00.000Z',
  });
  const page = await render(<GrantsPage />);
  await findByText(page, '服务评价（好差评）');
  await click(getAllByTestId(page, 'star-5')[0]);
  const send = Array.from(page.querySelectorAll<HTMLElement>('.nut-button')).find((b) =>
    b.textContent.includes('提交评价'),
  );
  if (!send) throw new Error('no 提交评价 button');
  await click(send);
  await waitFor(() => expect(rateMock).toHaveBeenCalledTimes(1));
  expect(rateMock.mock.calls[0]?.[0]).toMatchObject({ kind: 'grant', id: 'grt_paid', stars: 5 });
  await findByText(page, '您的评价：★★★★★（非常满意）');
});
