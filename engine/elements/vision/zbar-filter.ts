/**
 * ZBarFilter: reads QR and bar codes in the video with ZBar (in a worker, at its own pace) and
 * raises Kurento's CodeFound once per new code; the video passes through untouched.
 */
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import type { ScanSession } from '../../vision/code-scanner-service.ts';
import { openScanSession } from '../../vision/shared-services.ts';
import { VideoFilterElement } from './video-filter.ts';

/** A code is new again once it has been out of sight this long (µs of video time). */
const FORGET_AFTER_US = 3_000_000;

export class ZBarFilter extends VideoFilterElement {
  private session: ScanSession | undefined;
  /** Codes seen recently (type + value) and when, in video time. */
  private readonly seen = new Map<string, number>();

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('ZBarFilter', pipeline, params);
  }

  protected filterFrame(unit: RawVideoUnit): RawVideoUnit | undefined {
    this.session ??= openScanSession({
      params: () => ({}),
      onResult: ({ codes, timestampUs }) => {
        for (const [key, at] of this.seen) if (timestampUs - at > FORGET_AFTER_US || at > timestampUs) this.seen.delete(key);
        for (const code of codes) {
          const key = `${code.codeType}\n${code.value}`;
          if (!this.seen.has(key) && !this.released) this.emitEvent('CodeFound', { codeType: code.codeType, value: code.value });
          this.seen.set(key, timestampUs);
        }
      },
      onError: (message) => this.reportOnce(message, 'MEDIA_OBJECT_NOT_AVAILABLE'),
    });
    this.session.offer(unit.frame, unit.timestampUs);
    return undefined;
  }

  protected override onRelease(): void {
    super.onRelease();
    this.session?.close();
    this.session = undefined;
  }
}
