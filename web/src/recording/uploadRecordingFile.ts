import { ChunkUploader, type RetryPolicy } from './ChunkUploader';
import type { RecordingsClient } from './RecordingsClient';
import type { Recording, UploadProgress } from './types';

export interface UploadRecordingFileOptions {
  client: RecordingsClient;
  sessionId: string;
  /** Session clock (ms) at the file's first frame: negative if the file starts before the session did. */
  clockOffsetMs: number;
  /** The file's length in ms; see {@link probeMediaDuration}. */
  durationMs?: number;
  /** Resume this earlier, unfinished upload of the same file instead of starting a new recording. */
  recordingId?: string;
  retry?: Partial<RetryPolicy>;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/**
 * Uploads a finished recording (a video call's MP4, say) in chunks read lazily from the file, and completes it.
 * With `recordingId` it resumes an interrupted upload: chunks the server already holds are not sent again.
 */
export async function uploadRecordingFile(file: File | Blob, options: UploadRecordingFileOptions): Promise<Recording> {
  const { client, sessionId, signal } = options;
  const capabilities = await client.capabilities(signal);
  const recording = options.recordingId
    ? { id: options.recordingId }
    : await client.create(
        sessionId,
        { kind: 'uploadedFile', contentType: file.type, clockOffsetMs: options.clockOffsetMs, expectedBytes: file.size, durationMs: options.durationMs },
        signal,
      );
  const uploader = new ChunkUploader({
    client,
    sessionId,
    recordingId: recording.id,
    maxChunkBytes: capabilities.maxChunkBytes,
    retry: options.retry,
    onProgress: options.onProgress,
    signal,
  });
  const chunks: Blob[] = [];
  for (let offset = 0; offset < file.size; offset += capabilities.maxChunkBytes) {
    chunks.push(file.slice(offset, offset + capabilities.maxChunkBytes));
  }
  if (options.recordingId) {
    uploader.resumeFrom(await client.uploadStatus(sessionId, recording.id, signal), chunks.map((c) => c.size));
  }
  chunks.forEach((chunk, index) => uploader.enqueue(chunk, index));
  await uploader.drain();
  return client.complete(sessionId, recording.id, chunks.length, options.durationMs, signal);
}

/** A media file's duration in ms, read from its metadata by the browser; null when the file does not say. */
export function probeMediaDuration(file: Blob, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (value: number | null) => {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
      video.removeAttribute('src');
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    video.preload = 'metadata';
    video.onloadedmetadata = () => done(Number.isFinite(video.duration) ? Math.round(video.duration * 1000) : null);
    video.onerror = () => done(null);
    video.src = url;
  });
}
