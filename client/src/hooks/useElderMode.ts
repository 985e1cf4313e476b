import { useState } from 'react';
import { isElderMode, setElderMode } from '../elder/mode';
import { useReloadOnShow } from './useReloadOnShow';

/** 长辈版 on this device, and the switch that changes it (applied to the whole app at once). */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isElderMode);
  useReloadOnShow(() => {
    setOn(isElderMode());
  });
  return [
    on,
    (next: boolean) => {
      setElderMode(next);
      setOn(next);
    },
  ];
}
