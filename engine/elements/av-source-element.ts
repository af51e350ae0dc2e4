/**
 * Shared plumbing of elements that publish an FFmpeg input (test pattern, camera, player):
 * open it without blocking the constructor, turn failures into Error events, close it on
 * release.
 */
import { KurentoErrorCode, type KurentoErrorName } from '../errors.ts';
import { AvSource, type AvSourceOptions } from '../media/av-source.ts';
import { MediaElement } from '../model/media-element.ts';

export type SourceSetup = Omit<AvSourceOptions, 'outlet' | 'onEnd' | 'onError'>;

export abstract class AvSourceElement extends MediaElement {
  protected source: AvSource | undefined;
  private opening: Promise<AvSource | undefined> | undefined;

  /** Opens the input (once; later calls share the result). Resolves undefined on failure. */
  protected openSource(setup: SourceSetup, describeInput: string, errorName: KurentoErrorName = 'MEDIA_OBJECT_NOT_AVAILABLE'): Promise<AvSource | undefined> {
    this.opening ??= AvSource.open({
      ...setup,
      outlet: (mediaType) => (this.released ? undefined : this.getOutlet(mediaType)),
      onEnd: () => this.onSourceEnd(),
      onError: (message) => this.reportError(`${describeInput}: ${message}`, errorName),
    }).then(
      async (source) => {
        if (this.released) {
          await source.close();
          return undefined;
        }
        this.source = source;
        return source;
      },
      (error: Error) => {
        // Forget the failed attempt so a later call can try again.
        this.opening = undefined;
        this.reportError(`${describeInput}: ${error.message}`, errorName);
        return undefined;
      },
    );
    return this.opening;
  }

  /** Closes the input; a later openSource opens it afresh. */
  protected async closeSource(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    this.source = undefined;
    const source = await opening;
    await source?.close();
  }

  protected reportError(description: string, errorName: KurentoErrorName): void {
    if (!this.released) this.emitError(`${this.describe()}: ${description}`, KurentoErrorCode[errorName], errorName);
  }

  /** The input ended (files); live inputs never end. */
  protected onSourceEnd(): void {}

  protected override onRelease(): void {
    super.onRelease();
    void this.closeSource();
  }
}
