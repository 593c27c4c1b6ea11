/** What a player needs of a clip: the signed URL and where on the recording the clip starts and ends. */
export interface PlayableClip {
  playback: { url: string };
  startSeconds: number;
  endSeconds: number;
}

export interface ClipPlayerOptions {
  /** Fetches the clip again (a fresh signed URL) when the one in hand has expired. */
  refresh?: () => Promise<PlayableClip>;
  /** How long to wait for the media to become playable before giving up. */
  timeoutMs?: number;
}

/** The W3C media fragment URL that starts and stops playback at the clip's ends: `url#t=12.5,42.5`. */
export function fragmentUrl(url: string, startSeconds: number, endSeconds: number): string {
  const base = url.split('#')[0];
  return `${base}#t=${seconds(startSeconds)},${seconds(endSeconds)}`;
}

/**
 * Plays a clip in a video or audio element from its signed URL; the element fetches with HTTP range requests.
 * The media fragment positions the player; the player also seeks and stops itself, since a live-captured WebM
 * has no index and some browsers ignore a fragment's end. An expired URL is refreshed once through `refresh`.
 */
export class ClipPlayer {
  private stopAtEnd: (() => void) | null = null;

  constructor(
    readonly media: HTMLMediaElement,
    private readonly options: ClipPlayerOptions = {},
  ) {}

  async play(clip: PlayableClip): Promise<void> {
    try {
      await this.load(clip);
    } catch (error) {
      if (!this.options.refresh) {
        throw error;
      }
      await this.load(await this.options.refresh());
    }
    await this.media.play();
  }

  stop(): void {
    this.detach();
    this.media.pause();
  }

  private async load(clip: PlayableClip): Promise<void> {
    this.detach();
    const media = this.media;
    media.src = fragmentUrl(clip.playback.url, clip.startSeconds, clip.endSeconds);
    await this.until('loadedmetadata');
    if (Math.abs(media.currentTime - clip.startSeconds) > 0.25) {
      media.currentTime = clip.startSeconds;
    }
    if (media.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      await this.until('loadeddata', 'canplay', 'seeked');
    }
    const onTime = () => {
      if (media.currentTime >= clip.endSeconds) {
        this.stop();
      }
    };
    media.addEventListener('timeupdate', onTime);
    this.stopAtEnd = () => media.removeEventListener('timeupdate', onTime);
  }

  /** Resolves at the first of the events; rejects on a media error (a refused or expired URL) or after the timeout. */
  private until(...events: string[]): Promise<void> {
    const media = this.media;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        events.forEach((e) => media.removeEventListener(e, ok));
        media.removeEventListener('error', failed);
      };
      const ok = () => {
        cleanup();
        resolve();
      };
      const failed = () => {
        cleanup();
        reject(new Error(`The clip could not be loaded: ${media.error?.message || `media error ${media.error?.code ?? ''}`}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`The clip did not load within ${this.options.timeoutMs ?? 15_000} ms.`));
      }, this.options.timeoutMs ?? 15_000);
      events.forEach((e) => media.addEventListener(e, ok));
      media.addEventListener('error', failed);
    });
  }

  private detach(): void {
    this.stopAtEnd?.();
    this.stopAtEnd = null;
  }
}

function seconds(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
