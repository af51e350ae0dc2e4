/** Registers the engine's element implementations with the object model. */
import type { MediaPipeline } from '../model/media-pipeline.ts';
import { registerObjectFactory } from '../model/object-factories.ts';
import './rtp/index.ts';
import './vision/index.ts';
import './webrtc/index.ts';
import './hubs/index.ts';
import { CameraEndpoint, type CameraParams } from './camera-endpoint.ts';
import { PassThrough } from './pass-through.ts';
import { PlayerEndpoint, type PlayerParams } from './player-endpoint.ts';
import { RecorderEndpoint, type RecorderParams } from './recorder-endpoint.ts';
import { TestPatternEndpoint, type TestPatternParams } from './test-pattern-endpoint.ts';

registerObjectFactory('TestPatternEndpoint', ({ pipeline, params }) => new TestPatternEndpoint(pipeline as MediaPipeline, params as TestPatternParams));
registerObjectFactory('RecorderEndpoint', ({ pipeline, params }) => new RecorderEndpoint(pipeline as MediaPipeline, params as unknown as RecorderParams));
registerObjectFactory('PlayerEndpoint', ({ pipeline, params }) => new PlayerEndpoint(pipeline as MediaPipeline, params as unknown as PlayerParams));
registerObjectFactory('PassThrough', ({ pipeline, params }) => new PassThrough(pipeline as MediaPipeline, params));
registerObjectFactory('CameraEndpoint', ({ pipeline, params }) => new CameraEndpoint(pipeline as MediaPipeline, params as CameraParams));
