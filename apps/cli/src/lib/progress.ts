import cliProgress from 'cli-progress';

export type TProgress = { update: (done: number, total: number) => void; stop: () => void };

/** A bar on stderr, drawn only on a terminal; it appears at the first update. */
export function createProgress(label: string, unit = 'rows'): TProgress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(done, total) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
