/**
 * 在线申请: checks before sending (shared schema + required materials + pledge), a draft
 * that survives the page being torn down, and one Idempotency-Key per intent reused on retry.
 */
import Taro from '@tarojs/taro'
import { getMe } from '../../api/auth'
import { submitApplication } from '../../api/applications'
import { ApiError, clearSession, setSession } from '../../api/client'
import { getPolicy, listMatches } from '../../api/policies'
import { application, startupGrant, startupMatch, wang } from '../../test-support/fixtures'
import { click, findByText, getAllByTestId, getByText, queryByText, render, unmount, waitFor } from '../../test-support/render'
import { pickFile, uploadMaterial } from '../../upload/material-file'
import { draftKey, type ApplyDraft } from './draft'
import ApplyPage from './index'

jest.mock('../../api/policies', () => ({ getPolicy: jest.fn(), listMatches: jest.fn() }))
jest.mock('../../api/auth', () => ({ getMe: jest.fn() }))
jest.mock('../../api/applications', () => ({ submitApplication: jest.fn() }))
jest.mock('../../upload/material-file', () => ({ pickFile: jest.fn(), uploadMaterial: jest.fn() }))
jest.mock('@tarojs/taro', () => {
  const real = jest.requireActual('@tarojs/taro')
  return { ...real, __esModule: true, default: { ...real.default, redirectTo: jest.fn() }, useRouter: () => ({ params: { policyId: 'startup-grant' } }) }
})

const submitMock = submitApplication as jest.MockedFunction<typeof submitApplication>
const uploadMock = uploadMaterial as jest.MockedFunction<typeof uploadMaterial>
const KEY = draftKey('usr_wangxm01', 'startup-grant')

beforeEach(() => {
  jest.clearAllMocks()
  localStorage.clear()
  setSession({ token: 't', userId: 'usr_wangxm01', role: 'applicant', name: '王小明' })
  ;(getPolicy as jest.Mock).mockResolvedValue(startupGrant)
  ;(listMatches as jest.Mock).mockResolvedValue({ asOf: '2020-12-15', items: [startupMatch] })
  ;(getMe as jest.Mock).mockResolvedValue(wang)
  ;(pickFile as jest.Mock).mockImplementation(async () => ({ name: 'scan.pdf', bytes: new ArrayBuffer(4) }))
  let n = 0
  uploadMock.mockImplementation(async (materialId) => ({ materialId, uploadId: `upl_${String(++n).padStart(32, '0')}`, fileName: `${materialId}.pdf` }))
})
afterAll(() => clearSession())

const storedDraft = () => Taro.getStorageSync(KEY) as ApplyDraft

async function uploadFor(page: HTMLElement, materialId: string) {
  const row = getAllByTestId(page, `material-${materialId}`)[0]!
  await click(getByText(row, '上传文件'))
  await waitFor(() => expect(row.textContent).toContain(`已上传：${materialId}.pdf`))
}

test('prefills the subject and the computed amount; refuses to send without required materials and the pledge', async () => {
  const page = await render(<ApplyPage />)
  expect(await findByText(page, '名称：王小明')).toBeTruthy()
  expect(getByText(page, '身份证号：6207**********1234')).toBeTruthy()
  expect(page.textContent).toContain('系统测算可享 ¥5,000.00')

  await click(getByText(page, '提交申请'))
  expect(getByText(page, '请上传居民身份证')).toBeTruthy()
  expect(getByText(page, '请上传营业执照')).toBeTruthy()
  expect(getByText(page, '请阅读并勾选承诺')).toBeTruthy()
  // 容缺: the optional material is not demanded
  expect(queryByText(page, '请上传重点群体身份证明')).toBeNull()
  expect(submitMock).not.toHaveBeenCalled()
})

test('an amount above the cap is refused before sending', async () => {
  Taro.setStorageSync(KEY, {
    policyId: 'startup-grant',
    idempotencyKey: 'k-1',
    materials: { id_card: { uploadId: `upl_${'1'.padStart(32, '0')}`, fileName: 'a.pdf' }, business_licence: { uploadId: `upl_${'2'.padStart(32, '0')}`, fileName: 'b.pdf' } },
    requestedYuan: '6000',
    pledged: true,
    savedAt: 0,
  } satisfies ApplyDraft)
  const page = await render(<ApplyPage />)
  await click(await findByText(page, '提交申请'))
  expect(getByText(page, '申请金额不能超过政策上限 ¥5,000.00')).toBeTruthy()
  expect(submitMock).not.toHaveBeenCalled()
})

test('the draft autosaves and is restored after the page is torn down (app killed)', async () => {
  const first = await render(<ApplyPage />)
  await findByText(first, '名称：王小明')
  const key = storedDraft().idempotencyKey
  expect(key).toMatch(/[0-9a-f-]{36}/)
  await uploadFor(first, 'id_card')
  await click(getAllByTestId(first, 'pledge')[0]!)
  expect(storedDraft().materials.id_card?.fileName).toBe('id_card.pdf')
  expect(storedDraft().pledged).toBe(true)

  // Tear everything down, as WeChat does to a background mini-program, and open again.
  unmount(first)
  const second = await render(<ApplyPage />)
  expect(await findByText(second, '已为您恢复上次未提交的填写内容')).toBeTruthy()
  expect(getAllByTestId(second, 'material-id_card')[0]!.textContent).toContain('已上传：id_card.pdf')
  expect(getAllByTestId(second, 'pledge')[0]!.getAttribute('aria-checked')).toBe('true')
  expect(storedDraft().idempotencyKey).toBe(key) // the intent, and its key, survived
})

test('a retry after a network failure reuses the same Idempotency-Key; success clears the draft and shows the 容缺 deadline', async () => {
  submitMock.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络不稳定，请稍后重试'))
  submitMock.mockResolvedValueOnce(application())
  const page = await render(<ApplyPage />)
  await findByText(page, '名称：王小明')
  await uploadFor(page, 'id_card')
  await uploadFor(page, 'business_licence')
  await click(getAllByTestId(page, 'pledge')[0]!)
  const key = storedDraft().idempotencyKey

  await click(getByText(page, '提交申请'))
  expect(await findByText(page, '网络不稳定，请稍后重试')).toBeTruthy()
  await click(getByText(page, '重新提交'))
  await waitFor(() => expect(submitMock).toHaveBeenCalledTimes(2))

  const [[body1, key1], [body2, key2]] = submitMock.mock.calls as [unknown, string][]
  expect(key1).toBe(key)
  expect(key2).toBe(key)
  expect(body2).toEqual(body1)
  expect(body1).toEqual({
    policyId: 'startup-grant',
    materials: [
      { materialId: 'id_card', uploadId: `upl_${'1'.padStart(32, '0')}` },
      { materialId: 'business_licence', uploadId: `upl_${'2'.padStart(32, '0')}` },
    ],
  })
  expect(await findByText(page, '申请已提交')).toBeTruthy()
  expect(page.textContent).toContain('请在 2020年12月22日 前补交以下材料')
  expect(page.textContent).toContain('· 重点群体身份证明')
  expect(Taro.getStorageSync(KEY)).toBeFalsy()
})
