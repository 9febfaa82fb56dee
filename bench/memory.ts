// Peak memory of this process while a bench runs: process.memoryUsage() sampled on a timer, the
// sample with the highest RSS kept (V8's heap used and reserved, memory outside it, at that moment).

export type TMemorySampler = {
  /** The sample with the highest RSS since the start (or the last restart). */
  atPeak: () => NodeJS.MemoryUsage;
  /** Forgets the peak so far: the peak is measured from now; returns the usage now. */
  restart: () => NodeJS.MemoryUsage;
  stop: () => void;
};

export function startMemorySampler(everyMs: number): TMemorySampler {
  let peak = process.memoryUsage();
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, everyMs);
  return {
    atPeak: () => peak,
    restart: () => {
      peak = process.memoryUsage();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** Runs `work` with a sampler every `everyMs`: its result and the memory at its peak RSS. */
export async function withPeakMemory<T>(
  work: () => Promise<T>,
  everyMs = 20,
): Promise<{ result: T; atPeak: NodeJS.MemoryUsage }> {
  const sampler = startMemorySampler(everyMs);
  try {
    const result = await work();
    return { result, atPeak: sampler.atPeak() };
  } finally {
    sampler.stop();
  }
}

export const megabytes = (bytes: number) => bytes / 1024 / 1024;
