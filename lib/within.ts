// A wait with a bound: what start-up and the catalog's reload are allowed to hold a caller for.

/** `work`'s value, or undefined if it has not settled within `ms` (the timer is cleared either way). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
