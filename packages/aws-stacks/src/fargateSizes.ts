/** The CPU/memory pairs Fargate offers (CPU units → MiB). */
export const FARGATE_MEMORY_BY_CPU: Record<number, number[]> = (() => {
  const range = (from: number, to: number, step: number) =>
    Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
  return {
    256: [512, 1024, 2048],
    512: range(1024, 4096, 1024),
    1024: range(2048, 8192, 1024),
    2048: range(4096, 16384, 1024),
    4096: range(8192, 30720, 1024),
    8192: range(16384, 61440, 4096),
    16384: range(32768, 122880, 8192),
  };
})();

/**
 * Says why a CPU/memory pair is not a Fargate size, or undefined if it is.
 *
 * @public
 */
export function fargateSizeProblem(cpu: number, memoryMiB: number): string | undefined {
  const memories = FARGATE_MEMORY_BY_CPU[cpu];
  if (!memories) {
    return `Fargate has no ${cpu} CPU size; choose one of ${Object.keys(FARGATE_MEMORY_BY_CPU).join(', ')}.`;
  }
  if (!memories.includes(memoryMiB)) {
    const shown =
      memories.length > 4
        ? `${memories[0]} to ${memories.at(-1)} MiB in steps of ${memories[1] - memories[0]}`
        : `${memories.slice(0, -1).join(', ')} or ${memories.at(-1)} MiB`;
    return `Fargate has no task with ${cpu} CPU and ${memoryMiB} MiB; ${cpu} CPU takes ${shown}.`;
  }
  return undefined;
}
