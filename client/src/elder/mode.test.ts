import Taro from '@tarojs/taro';
import {
  ELDER_CLASS,
  ELDER_STORAGE_KEY,
  isElderMode,
  isLargeSystemFont,
  setElderMode,
} from './mode';

beforeEach(() => {
  Taro.removeStorageSync(ELDER_STORAGE_KEY);
  document.documentElement.classList.remove(ELDER_CLASS);
});

test('a system font of 20 px or more counts as large; the standard 16/17 px and unknown do not', () => {
  expect(isLargeSystemFont(20)).toBe(true);
  expect(isLargeSystemFont(24)).toBe(true);
  expect(isLargeSystemFont(17)).toBe(false);
  expect(isLargeSystemFont(16)).toBe(false);
  expect(isLargeSystemFont(undefined)).toBe(false);
});

test('the switch is remembered on the device and puts the root class on and off', () => {
  setElderMode(true);
  expect(isElderMode()).toBe(true);
  expect(document.documentElement.classList.contains(ELDER_CLASS)).toBe(true);
  setElderMode(false);
  expect(isElderMode()).toBe(false);
  expect(document.documentElement.classList.contains(ELDER_CLASS)).toBe(false);
});
