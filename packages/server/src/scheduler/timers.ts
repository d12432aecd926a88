/** setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days); longer waits are chained. */
const maxTimerDelayMs = 2_147_483_647;

export interface Timer {
  clear(): void;
}

/** A timer that does not keep the process alive on its own and allows any delay. */
export function startTimer(delayMs: number, fn: () => void): Timer {
  let handle: NodeJS.Timeout;
  const arm = (remainingMs: number) => {
    const step = Math.min(Math.max(remainingMs, 0), maxTimerDelayMs);
    handle = setTimeout(() => (remainingMs > step ? arm(remainingMs - step) : fn()), step);
    handle.unref();
  };
  arm(delayMs);
  return { clear: () => clearTimeout(handle) };
}
