// A one-line progress bar on stderr for long runs, redrawn in place.

const MIN_FILES = 50;
const REDRAW_MS = 80;

export interface Progress {
  onProgress(phase: string, done: number, total: number): void;
  /** Clears the bar so the summary starts on a clean line. */
  finish(): void;
}

const SILENT: Progress = { onProgress() {}, finish() {} };

/** A bar when `stream` is a terminal and `enabled`; otherwise nothing is drawn. */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  let drawn = false;
  let lastDraw = 0;
  let lastPhase = '';
  return {
    onProgress(phase, done, total) {
      // Short runs finish before a bar would help; it would only flicker.
      if (total <= MIN_FILES) return;
      const now = Date.now();
      if (phase === lastPhase && done !== total && now - lastDraw < REDRAW_MS) return;
      lastPhase = phase;
      lastDraw = now;
      const label = `${phase} ${done}/${total} `;
      const width = Math.max(10, Math.min(40, (stream.columns || 80) - label.length - 4));
      const filled = Math.round((done / total) * width);
      stream.write(`\r\u001b[2K${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
