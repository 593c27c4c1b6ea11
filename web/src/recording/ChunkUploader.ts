import { RecordingApiError, type RecordingsClient } from './RecordingsClient';
import type { UploadProgress, UploadStatus } from './types';

export interface RetryPolicy {
  /** First wait after a failure; doubled on each failure in a row, up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Failures in a row before giving up on a chunk; Infinity waits out any outage. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { initialDelayMs: 500, maxDelayMs: 10_000, maxAttempts: Infinity };

export interface ChunkUploaderOptions {
  client: RecordingsClient;
  sessionId: string;
  recordingId: string;
  /** The server's largest chunk (capabilities.maxChunkBytes); bigger pieces are split. */
  maxChunkBytes: number;
  retry?: Partial<RetryPolicy>;
  onProgress?: (progress: UploadProgress) => void;
  /** The uploader gave up on a chunk; {@link ChunkUploader.drain} rejects with the same error. */
  onFailure?: (error: unknown) => void;
  signal?: AbortSignal;
}

interface PendingChunk {
  index: number;
  blob: Blob;
}

/**
 * Uploads a recording's chunks one at a time, in order, as they are handed over. A chunk stays in memory only
 * until the server has it; after a failure the uploader waits, asks the server what it holds (the answer to a
 * request may be lost even when the request arrived), and sends only what is missing.
 */
export class ChunkUploader {
  private readonly queue: PendingChunk[] = [];
  private readonly retry: RetryPolicy;
  private readonly done = new Set<number>();
  private nextIndex = 0;
  private running: Promise<void> | null = null;
  private failure: unknown = null;
  private progress: UploadProgress = {
    queuedBytes: 0,
    uploadedBytes: 0,
    queuedChunks: 0,
    uploadedChunks: 0,
    pendingChunks: 0,
    retrying: false,
    lastError: null,
  };

  constructor(private readonly options: ChunkUploaderOptions) {
    this.retry = { ...defaultRetryPolicy, ...options.retry };
  }

  /** How many chunks the recording has so far: the count to complete it with. */
  get chunkCount(): number {
    return this.nextIndex;
  }

  get currentProgress(): UploadProgress {
    return { ...this.progress };
  }

  /** Continues an earlier upload: its chunks the server already holds are skipped, numbering goes on after the last. */
  resumeFrom(status: UploadStatus, chunkSizes: number[]): void {
    let bytes = 0;
    for (const chunk of status.chunks) {
      if (chunkSizes[chunk.index] === chunk.bytes && !this.done.has(chunk.index)) {
        this.done.add(chunk.index);
        bytes += chunk.bytes;
      }
    }
    // Counted as sent, so progress reads as a share of the whole recording.
    this.report({
      queuedBytes: this.progress.queuedBytes + bytes,
      uploadedBytes: this.progress.uploadedBytes + bytes,
      queuedChunks: this.progress.queuedChunks + this.done.size,
      uploadedChunks: this.progress.uploadedChunks + this.done.size,
    });
    this.nextIndex = Math.max(this.nextIndex, chunkSizes.length);
  }

  /** Queues a piece of the recording; pieces larger than the server's chunk limit are split, lazily (Blob.slice copies nothing). */
  enqueue(blob: Blob, index?: number): void {
    this.throwIfFailed();
    if (blob.size === 0) {
      return;
    }
    if (index !== undefined) {
      this.push({ index, blob });
      return;
    }
    for (let offset = 0; offset < blob.size; offset += this.options.maxChunkBytes) {
      this.push({ index: this.nextIndex++, blob: blob.slice(offset, offset + this.options.maxChunkBytes) });
    }
  }

  /** Resolves once every queued chunk is on the server; rejects with the error that made the uploader give up. */
  async drain(): Promise<void> {
    while (this.running) {
      await this.running;
    }
    this.throwIfFailed();
  }

  private push(chunk: PendingChunk): void {
    if (this.done.has(chunk.index)) {
      return;
    }
    this.queue.push(chunk);
    this.report({ queuedBytes: this.progress.queuedBytes + chunk.blob.size, queuedChunks: this.progress.queuedChunks + 1 });
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.upload(this.queue[0]);
        this.queue.shift();
      }
    } catch (error) {
      this.failure = error;
      this.report({ retrying: false, lastError: describe(error) });
      this.options.onFailure?.(error);
    }
  }

  private async upload(chunk: PendingChunk): Promise<void> {
    const { client, sessionId, recordingId, signal } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        signal?.throwIfAborted();
        await client.putChunk(sessionId, recordingId, chunk.index, chunk.blob, signal);
        this.uploaded(chunk);
        return;
      } catch (error) {
        if (signal?.aborted || !isRetryable(error) || attempt >= this.retry.maxAttempts) {
          throw error;
        }
        this.report({ retrying: true, lastError: describe(error) });
        await delay(Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (attempt - 1)), signal);
        if (await this.serverHas(chunk)) {
          this.uploaded(chunk);
          return;
        }
      }
    }
  }

  /** Whether the chunk reached the server although its answer did not reach us. */
  private async serverHas(chunk: PendingChunk): Promise<boolean> {
    try {
      const status = await this.options.client.uploadStatus(this.options.sessionId, this.options.recordingId, this.options.signal);
      return status.chunks.some((c) => c.index === chunk.index && c.bytes === chunk.blob.size);
    } catch {
      return false;
    }
  }

  private uploaded(chunk: PendingChunk): void {
    this.done.add(chunk.index);
    this.report({
      uploadedBytes: this.progress.uploadedBytes + chunk.blob.size,
      uploadedChunks: this.progress.uploadedChunks + 1,
      retrying: false,
    });
  }

  private report(change: Partial<UploadProgress>): void {
    this.progress = { ...this.progress, ...change };
    this.progress.pendingChunks = this.progress.queuedChunks - this.progress.uploadedChunks;
    this.options.onProgress?.({ ...this.progress });
  }

  private throwIfFailed(): void {
    if (this.failure !== null) {
      throw this.failure;
    }
  }
}

/** Network failures (fetch rejects with a TypeError) and the server's transient refusals are retried; the rest are final. */
function isRetryable(error: unknown): boolean {
  return error instanceof RecordingApiError ? error.retryable : error instanceof TypeError;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
