/**
 * The code scanner worker: ZBar (WebAssembly build, @undecaf/zbar-wasm) reading QR and bar codes
 * from grey images. Scanning a 640x480 frame takes 20-70 ms here, far too long for the event loop.
 */
import { scanGrayBuffer } from '@undecaf/zbar-wasm';
import { serveFrames } from './frame-worker.ts';

export interface FoundCode {
  /** ZBar's symbology name as Kurento reports it, e.g. 'QR-Code', 'EAN-13'. */
  codeType: string;
  value: string;
}

/** zbar_get_symbol_name() spellings, which Kurento's ZBarFilter puts in CodeFound.codeType. */
const ZBAR_NAMES: Record<string, string> = {
  QRCODE: 'QR-Code',
  EAN13: 'EAN-13',
  EAN8: 'EAN-8',
  EAN2: 'EAN-2',
  EAN5: 'EAN-5',
  UPCA: 'UPC-A',
  UPCE: 'UPC-E',
  ISBN10: 'ISBN-10',
  ISBN13: 'ISBN-13',
  I25: 'I2/5',
  CODE39: 'CODE-39',
  CODE93: 'CODE-93',
  CODE128: 'CODE-128',
  CODABAR: 'Codabar',
  DATABAR: 'DataBar',
  DATABAR_EXP: 'DataBar-Exp',
  PDF417: 'PDF417',
  SQCODE: 'SQ-Code',
};

export function zbarName(typeName: string): string {
  const bare = typeName.replace(/^ZBAR_/, '');
  return ZBAR_NAMES[bare] ?? bare;
}

await serveFrames<Record<string, never>, FoundCode[]>(async () => ({
  description: 'ZBar (WebAssembly)',
  analyse: async (grey, width, height) => {
    const symbols = await scanGrayBuffer(grey.buffer.slice(0, width * height) as ArrayBuffer, width, height);
    return symbols.map((s) => ({ codeType: zbarName(s.typeName), value: s.decode('utf-8') }));
  },
}));
