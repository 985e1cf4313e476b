/** 办件详情: every step in order, what to do next per status, and the 容缺 supplement. */
import { fen } from '@shared/money'
import { getApplication, raiseObjection, supplementApplication } from '../../api/applications'
import { application } from '../../test-support/fixtures'
import { click, findByText, getAllByTestId, getByText, queryByText, render, waitFor } from '../../test-support/render'
import { uploadMaterial, pickFile } from '../../upload/material-file'
import ApplicationDetailPage from './index'

jest.mock('../../api/applications', () => ({
  getApplication: jest.fn(),
  supplementApplication: jest.fn(),
  withdrawApplication: jest.fn(),
  raiseObjection: jest.fn(),
}))
jest.mock('../../upload/material-file', () => ({ pickFile: jest.fn(), uploadMaterial: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro')
  return { ...real, __esModule: true, useRouter: () => ({ params: { id: 'app_01' } }) }
})
const getMock = getApplication as jest.MockedFunction<typeof getApplication>
const supplementMock = supplementApplication as jest.MockedFunction<typeof supplementApplication>
const objectionMock = raiseObjection as jest.MockedFunction<typeof raiseObjection>

/** Taro's Textarea renders asynchronously: wait for the inner <textarea>, then type. */
async function typeInto(page: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = page.querySelector<HTMLTextAreaElement>(selector)
    if (!found) throw new Error(`no ${selector}`)
    return found
  })
  const { act } = await import('react')
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value)
    el.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

beforeEach(() => jest.clearAllMocks())

test('the timeline lists every step oldest first, in Beijing time, and the next step names the deadline', async () => {
  getMock.mockResolvedValue(application())
  const page = await render(<ApplicationDetailPage />)
  await findByText(page, '下一步')
  const steps = getAllByTestId(page, 'timeline-step').map((s) => s.textContent)
  expect(steps).toEqual([
    '创建申请2020年12月15日 10:00 · 申请人',
    '提交申请2020年12月15日 10:00 · 申请人',
    '容缺受理，请于 2020年12月22日 前补交：重点群体身份证明2020年12月15日 10:00 · 系统',
  ])
  expect(getAllByTestId(page, 'next-step')[0]!.textContent).toContain('请在 2020年12月22日 前补交缺少的材料')
  expect(getAllByTestId(page, 'supplement')).toHaveLength(1)
  expect(getByText(page, '撤回申请')).toBeTruthy()
})

test('supplementing the missing material sends it and shows the new state', async () => {
  getMock.mockResolvedValue(application())
  ;(pickFile as jest.Mock).mockResolvedValue({ name: 'cert.png', bytes: new ArrayBuffer(3) })
  ;(uploadMaterial as jest.Mock).mockResolvedValue({ materialId: 'group_certificate', uploadId: `upl_${'9'.padStart(32, '0')}`, fileName: 'cert.png' })
  const after = application({
    status: 'review_l1',
    statusLabel: '初审中',
    version: 4,
    materials: application().materials.map((m) => ({ ...m, provided: true })),
    timeline: [...application().timeline, { at: '2020-12-16T01:00:00.000Z', type: 'ApplicationSupplemented', text: '补交材料', by: 'applicant' as const }],
  })
  supplementMock.mockResolvedValue(after)
  const page = await render(<ApplicationDetailPage />)
  const box = await waitFor(() => getAllByTestId(page, 'supplement')[0]!)
  await click(getByText(box, '上传文件'))
  await waitFor(() => expect(box.textContent).toContain('已上传：cert.png'))
  await click(getByText(page, '提交补正材料'))
  await waitFor(() => expect(supplementMock).toHaveBeenCalledTimes(1))
  expect(supplementMock.mock.calls[0]!.slice(0, 2)).toEqual(['app_01', [{ materialId: 'group_certificate', uploadId: `upl_${'9'.padStart(32, '0')}` }]])
  expect(await findByText(page, '初审中')).toBeTruthy()
  expect(getAllByTestId(page, 'timeline-step')).toHaveLength(4)
  expect(queryByText(page, '提交补正材料')).toBeNull()
})

test('in 公示 the page offers an objection and no withdraw', async () => {
  getMock.mockResolvedValue(application({ status: 'publicity', statusLabel: '公示中', approvedFen: fen(500000), publicityEndsAt: '2020-12-21T16:00:00.000Z' }))
  const page = await render(<ApplicationDetailPage />)
  expect(await findByText(page, '公示期异议')).toBeTruthy()
  expect(getAllByTestId(page, 'next-step')[0]!.textContent).toContain('2020年12月22日 公示结束后拨付')
  expect(page.textContent).toContain('核定金额 ¥5,000.00')
  expect(queryByText(page, '撤回申请')).toBeNull()
})

test('a rejected application says why', async () => {
  getMock.mockResolvedValue(application({ status: 'rejected', statusLabel: '未通过', rejectionReason: '非首次创业' }))
  const page = await render(<ApplicationDetailPage />)
  expect(await findByText(page, '很抱歉，申请未通过：非首次创业。')).toBeTruthy()
})

test('an objection is sent, answered with the objection alone, and the application is read again to show it', async () => {
  const inPublicity = application({ status: 'publicity', statusLabel: '公示中', approvedFen: fen(500000), publicityEndsAt: '2020-12-21T16:00:00.000Z' })
  const objected = { ...inPublicity, version: 7, objections: [{ id: 'obj_1', text: '金额有误', raisedAt: '2020-12-16T01:00:00.000Z', resolved: false }] }
  getMock.mockResolvedValueOnce(inPublicity).mockResolvedValue(objected)
  objectionMock.mockResolvedValue({ id: 'obj_1', applicationId: 'app_01', text: '金额有误', raisedAt: '2020-12-16T01:00:00.000Z', status: 'open', statusLabel: '核实中' })
  const page = await render(<ApplicationDetailPage />)
  await findByText(page, '公示期异议')
  await typeInto(page, 'textarea', '金额有误')
  await click(getByText(page, '提交异议'))
  await waitFor(() => expect(objectionMock).toHaveBeenCalledTimes(1))
  expect(objectionMock.mock.calls[0]!.slice(0, 2)).toEqual(['app_01', '金额有误'])
  await waitFor(() => expect(page.textContent).toContain('金额有误（核实中）'))
  expect(getMock).toHaveBeenCalledTimes(2)
})
