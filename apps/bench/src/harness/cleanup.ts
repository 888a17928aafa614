/**
 * Undo steps run in reverse order exactly once: at the normal end, on an error, and on
 * Ctrl-C/SIGTERM. Each step is bounded by its own code; a failing step does not stop the rest.
 */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private running: Promise<string[]> | null = null;

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /** Runs every step (newest first); returns the errors it met. Later calls share the first run. */
  runAll(log: (line: string) => void): Promise<string[]> {
    this.running ??= (async () => {
      const errors: string[] = [];
      for (const step of [...this.steps].reverse()) {
        try {
          await step.run();
          log(`cleaned up: ${step.name}`);
        } catch (error) {
          errors.push(`cleanup of ${step.name} failed: ${(error as Error).message}`);
          log(errors.at(-1) ?? '');
        }
      }
      return errors;
    })();
    return this.running;
  }
}
