import { useEffect, useState } from 'react';
import { getFollow, setFollow, type TributeTargetRef } from '@/services/tributes';
import type { FollowState } from '@/types/api';
import { useAsync } from './use-async';
import { useSubmit } from './use-submit';

export interface FollowHookState {
  state: FollowState | undefined;
  pending: boolean;
  error: Error | null;
  toggle: () => Promise<boolean>;
}

/** Whether the signed-in user follows a site or martyr, and the 关注 / 取消关注 action. */
export function useFollow(target: TributeTargetRef | undefined, signedIn: boolean): FollowHookState {
  const key = target ? `${target.type}:${target.id}` : '';
  const loaded = useAsync(() => getFollow(target as TributeTargetRef), [key, signedIn], !!target && signedIn);
  const [state, setState] = useState<FollowState | undefined>();
  useEffect(() => setState(loaded.data), [loaded.data]);
  const action = useSubmit(async () => {
    if (!target) return;
    setState(await setFollow(target, !(state?.following ?? false)));
  });
  return { state: signedIn ? state : undefined, pending: action.pending, error: action.error ?? loaded.error, toggle: action.submit };
}
