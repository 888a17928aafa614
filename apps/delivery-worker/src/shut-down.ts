export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Runs shutdown steps in order, each bounded by `stepTimeoutMs`: a step that hangs (a
 * disconnect from a broker that is gone) or fails is reported and skipped, so the process
 * always reaches its exit. Returns the names of the steps that did not finish cleanly.
 */
export async function shutDown(
  steps: readonly ShutdownStep[],
  stepTimeoutMs: number,
  onProblem: (step: string, problem: string) => void,
): Promise<string[]> {
  const unfinished: string[] = [];
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), stepTimeoutMs);
    });
    try {
      const result = await Promise.race([Promise.resolve(step.run()).then(() => 'done' as const), timeout]);
      if (result === 'timeout') {
        unfinished.push(step.name);
        onProblem(step.name, `did not finish within ${stepTimeoutMs} ms`);
      }
    } catch (error) {
      unfinished.push(step.name);
      onProblem(step.name, (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
  return unfinished;
}
