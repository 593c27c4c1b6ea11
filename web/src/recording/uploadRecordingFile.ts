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

/**
 * A recording's duration in ms, read by the browser from a file or a URL; null when it cannot tell. MediaRecorder's
 * WebM carries no duration in its header (the browser reports Infinity), so for those the browser is asked to seek
 * past the end, which makes it find the last frame and report the real duration.
 */
export function probeMediaDuration(source: Blob | string, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = typeof source === 'string' ? source : URL.createObjectURL(source);
    const done = (value: number | null) => {
      clearTimeout(timer);
      video.onloadedmetadata = video.ondurationchange = video.onerror = null;
      if (typeof source !== 'string') URL.revokeObjectURL(url);
      video.removeAttribute('src');
      video.load();
      resolve(value);
    };
    const finite = () => Number.isFinite(video.duration) && video.duration > 0;
    const timer = setTimeout(() => done(null), timeoutMs);
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () => {
      if (finite()) {
        done(Math.round(video.duration * 1000));
      } else {
        video.ondurationchange = () => finite() && done(Math.round(video.duration * 1000));
        video.currentTime = Number.MAX_SAFE_INTEGER;
      }
    };
    video.onerror = () => done(null);
    video.src = url;
  });
}
