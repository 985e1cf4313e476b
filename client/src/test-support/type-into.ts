/** Types into the n-th matching input/textarea the way a user does (NutUI's Input renders its <input> asynchronously). */
import { act } from 'react';
import { click, getAllByTestId, getByText, waitFor } from './render';

export async function typeInto(
  page: HTMLElement,
  selector: string,
  value: string,
  index = 0,
): Promise<void> {
  const el = await waitFor(() => {
    type Field = HTMLInputElement | HTMLTextAreaElement;
    const found = page.querySelectorAll<Field>(selector)[index] as Field | undefined;
    if (!found) throw new Error(`no ${selector}[${index}]`);
    return found;
  });
  await act(async () => {
    const proto =
      el instanceof HTMLTextAreaElement
        ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Confirms Taro H5's showModal dialog by its confirm text. */
export async function confirmModal(text: string): Promise<void> {
  const btn = await waitFor(() => {
    const found = Array.from(document.querySelectorAll<HTMLElement>('.taro-modal__foot div')).find(
      (el) => el.textContent === text,
    );
    if (!found) throw new Error('no modal');
    return found;
  });
  await act(async () => {
    btn.click();
  });
}

/**
 * 驳回 on the first `rowTestId` row: 确认驳回 without a reason sends nothing (`send`, the
 * mocked API call, is not called), then the reason is typed and 确认驳回 sends it.
 */
export async function rejectWithReason(
  page: HTMLElement,
  rowTestId: string,
  reason: string,
  send: { mock: { calls: unknown[] } },
): Promise<void> {
  await waitFor(() => getAllByTestId(page, rowTestId)[0]);
  await click(getByText(page, '驳回'));
  await click(getByText(page, '确认驳回'));
  expect(send).not.toHaveBeenCalled();
  await typeInto(page, 'textarea', reason);
  await click(getByText(page, '确认驳回'));
}
