/**
 * QR/bar code scanning as a frame analysis service: the luma of each taken frame (downscaled to
 * fit 1280x720 when larger) goes to a ZBar worker.
 */
import type { FoundCode } from './code-scanner-worker.ts';
import { FrameAnalysisService, type AnalysisSession, type ServiceSettings } from './frame-analysis-service.ts';

export type { FoundCode } from './code-scanner-worker.ts';
export interface ScanResult {
  codes: FoundCode[];
  timestampUs: number;
}
export type ScanSession = AnalysisSession<Record<string, never>, ScanResult>;

const MAX_WIDTH = 1280;
const MAX_HEIGHT = 720;

export class CodeScannerService extends FrameAnalysisService<Record<string, never>, FoundCode[], ScanResult> {
  constructor(settings: ServiceSettings = {}) {
    super(
      {
        name: 'code scanner',
        module: new URL('./code-scanner-worker.ts', import.meta.url),
        bufferBytes: MAX_WIDTH * MAX_HEIGHT,
        prepare: async (converter, frame) => {
          const fit = Math.min(1, MAX_WIDTH / frame.width, MAX_HEIGHT / frame.height);
          const width = Math.round((frame.width * fit) / 2) * 2;
          const height = Math.round((frame.height * fit) / 2) * 2;
          return { data: await converter.toBuffer(frame, { width, height, format: 'gray' }), width, height };
        },
        finish: (codes, job) => ({ codes, timestampUs: job.timestampUs }),
      },
      settings,
    );
  }
}
