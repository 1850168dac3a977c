/** A one-line progress bar on a terminal; silent when the output is not a terminal (CI logs, pipes). */
export function createProgressBar(out: NodeJS.WriteStream = process.stderr, minBytes = 8 * 1024 * 1024) {
  let lastDraw = 0;
  let drawn = false;
  return {
    update(label: string, done: number, total: number): void {
      if (!out.isTTY || total < minBytes) return;
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const ratio = Math.min(1, total ? done / total : 1);
      const width = 30;
      const filled = Math.round(ratio * width);
      out.write(
        `\r${label.slice(-40).padEnd(40)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`,
      );
      drawn = true;
    },
    clear(): void {
      if (drawn) out.write('\r\x1b[K');
      drawn = false;
    },
  };
}
