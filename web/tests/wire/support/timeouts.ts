/** How long any single step of a wire test may take before the test fails instead of hanging. */
export const STEP_TIMEOUT_MS = 15_000;

/** Resolves like `promise`, or rejects naming `label` once `ms` have passed. */
export async function within<T>(promise: Promise<T>, label: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${label}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` until it holds; fails naming `label` after `ms`. */
export async function eventually(condition: () => boolean, label: string, ms = STEP_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${ms} ms waiting until ${label}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
