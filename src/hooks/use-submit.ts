import { useCallback, useRef, useState } from 'react';

export interface SubmitState<A extends unknown[]> {
  /** Runs the action unless one is already running; resolves true on success. */
  submit: (...args: A) => Promise<boolean>;
  pending: boolean;
  error: Error | null;
}

/** A user action (sign-in, save) with its pending flag and last error; double taps are ignored. */
export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<unknown>): SubmitState<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const running = useRef(false);
  const latest = useRef(action);
  latest.current = action;

  const submit = useCallback(async (...args: A) => {
    if (running.current) return false;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      await latest.current(...args);
      return true;
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      return false;
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);

  return { submit, pending, error };
}
