import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

const MAX_BYTES = 5 * 1024 * 1024;

/**
 * A small append-only log in the app's logs folder (Help > Open Logs Folder). Rotates once at 5 MB
 * (x.log -> x.old.log). Logging never throws: a full disk must not take the app down.
 */
export class LogFile {
  constructor(readonly file: string) {}

  write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = `${new Date().toISOString()} ${level} ${message}\n`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.rotateIfLarge();
      appendFileSync(this.file, line);
    } catch {
      // Nowhere better to report it; stderr still gets the line below.
    }
    if (level !== 'info') process.stderr.write(line);
  }

  private rotateIfLarge(): void {
    try {
      if (statSync(this.file).size < MAX_BYTES) return;
    } catch {
      return;
    }
    renameSync(this.file, this.file.replace(/\.log$/, '') + '.old.log');
  }
}
