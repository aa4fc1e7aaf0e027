// Builds a value the first time it is asked for, then hands back the same one. Module-level zod
// schemas are made this way so that a fresh Worker isolate does not spend start-up CPU building
// schemas its first request may never use.

/** `make` runs once, on the first call; every call returns its result. */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
