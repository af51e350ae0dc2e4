/**
 * The BlazeFace graph model, loaded from files on disk (model.json + weights) through
 * tf.io.fromMemory: nothing is fetched from the network. Runs on small RGB images (the caller
 * downscales frames so the longer side is 256) and returns faces in that image's pixels.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { Tensor, io } from '@tensorflow/tfjs-core';
import { BLAZEFACE_ANCHORS, BLAZEFACE_INPUT, blazeFaceAnchors, decodeBlazeFace, type DecodeOptions } from './blazeface-decode.ts';
import type { Face } from './face.ts';
import type { TfRuntime } from './tf-backend.ts';

/** The model shipped in assets/models (BlazeFace back, from @vladmandic/human 3.3.6; see assets/models/README.md). */
export const DEFAULT_MODEL_PATH = path.resolve(import.meta.dirname, '../../assets/models/blazeface.json');

function readModelFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`face model ${what} cannot be read: ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export class BlazeFaceModel {
  private readonly anchors = blazeFaceAnchors();
  /** Reused input buffer: 256x256 RGB normalised to [-1, 1]; padding stays black (-1). */
  private readonly input = new Float32Array(BLAZEFACE_INPUT * BLAZEFACE_INPUT * 3);

  private constructor(
    private readonly runtime: TfRuntime,
    private readonly model: GraphModel,
  ) {}

  static async load(runtime: TfRuntime, modelPath = DEFAULT_MODEL_PATH): Promise<BlazeFaceModel> {
    const json = JSON.parse(readModelFile(modelPath, 'description').toString('utf8')) as io.ModelJSON;
    const groups = json.weightsManifest ?? [];
    const buffers = groups.flatMap((g) => g.paths).map((p) => readModelFile(path.join(path.dirname(modelPath), p), 'weights'));
    const weights = Buffer.concat(buffers);
    const handler = runtime.tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: groups.flatMap((g) => g.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    });
    const model = await runtime.loadGraphModel(handler);
    return new BlazeFaceModel(runtime, model);
  }

  /** Faces in an RGB24 image of width x height (both at most 256), in that image's pixels. */
  detect(rgb: Uint8Array, width: number, height: number, options: DecodeOptions): Face[] {
    if (width > BLAZEFACE_INPUT || height > BLAZEFACE_INPUT) throw new Error(`detector input ${width}x${height} is larger than ${BLAZEFACE_INPUT}`);
    const input = this.input;
    input.fill(-1);
    for (let y = 0; y < height; y++) {
      let src = y * width * 3;
      const end = src + width * 3;
      let dst = y * BLAZEFACE_INPUT * 3;
      while (src < end) input[dst++] = rgb[src++]! / 127.5 - 1;
    }
    const { tf } = this.runtime;
    const tensor = tf.tensor4d(input, [1, BLAZEFACE_INPUT, BLAZEFACE_INPUT, 3]);
    const outputs = this.model.execute(tensor) as Tensor[];
    tensor.dispose();
    try {
      // Four outputs (scores and regressors per anchor layer): sizes 384, 512, 384x16, 512x16.
      if (outputs.length !== 4) throw new Error(`the face model gave ${outputs.length} outputs, expected 4 (is it BlazeFace back?)`);
      const [scores384, scores512, regs384, regs512] = [...outputs].sort((a, b) => a.size - b.size).map((t) => t.dataSync() as Float32Array) as [
        Float32Array,
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      const logits = new Float32Array(BLAZEFACE_ANCHORS);
      logits.set(scores512, 0);
      logits.set(scores384, scores512.length);
      const regressors = new Float32Array(BLAZEFACE_ANCHORS * 16);
      regressors.set(regs512, 0);
      regressors.set(regs384, regs512.length);
      return decodeBlazeFace(logits, regressors, this.anchors, options);
    } finally {
      for (const t of outputs) t.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
