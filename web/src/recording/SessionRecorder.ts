import { ChunkUploader, type RetryPolicy } from './ChunkUploader';
import type { RecordingsClient } from './RecordingsClient';
import type { Recording, UploadProgress } from './types';

/** Container types in order of preference; the first the browser can record is used. */
const preferredTypes = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4', 'audio/webm'];

export interface SessionRecorderOptions {
  client: RecordingsClient;
  sessionId: string;
  /** How often MediaRecorder hands over a chunk; a dropped connection loses at most the chunk in flight. */
  timesliceMs?: number;
  /** A type MediaRecorder supports; otherwise the first of the preferred types it does. */
  mimeType?: string;
  videoBitsPerSecond?: number;
  audioBitsPerSecond?: number;
  /**
   * Now by the server's clock (ms since 1970), to tell the server the instant capture began; it places the recording
   * on the session clock from that (before the session's start, if recording began first). Left out, the browser's
   * own clock is used.
   */
  serverNow?: () => number;
  retry?: Partial<RetryPolicy>;
  onProgress?: (progress: UploadProgress) => void;
  /** The upload gave up (a refusal that retrying cannot fix, such as the size limit); recording stops. */
  onError?: (error: unknown) => void;
}

export type SessionRecorderState = 'idle' | 'recording' | 'stopping' | 'stopped' | 'failed';

/**
 * Records a MediaStream (a shared screen mixed with the microphone, or any stream) with MediaRecorder and uploads
 * each chunk as it arrives, so a session of any length is never held in memory. Chunks wait in memory only while
 * the network is down; the uploader retries them in order and resumes from what the server holds.
 */
export class SessionRecorder {
  private recorder: MediaRecorder | null = null;
  private uploader: ChunkUploader | null = null;
  private created: Recording | null = null;
  private startedAt = 0;
  private currentState: SessionRecorderState = 'idle';
  private readonly abort = new AbortController();

  constructor(
    private readonly stream: MediaStream,
    private readonly options: SessionRecorderOptions,
  ) {}

  get state(): SessionRecorderState {
    return this.currentState;
  }

  /** The server's recording, once {@link start} has created it. */
  get recording(): Recording | null {
    return this.created;
  }

  get progress(): UploadProgress | null {
    return this.uploader?.currentProgress ?? null;
  }

  /** Creates the recording on the server, then starts recording; chunks upload from the first timeslice on. */
  async start(): Promise<Recording> {
    if (this.currentState !== 'idle') {
      throw new Error(`The recorder is ${this.currentState}; a SessionRecorder records once.`);
    }
    const { client, sessionId } = this.options;
    const mimeType = this.options.mimeType ?? preferredTypes.find((type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) {
      throw new Error('This browser cannot record any of the types the server accepts.');
    }
    const capabilities = await client.capabilities(this.abort.signal);
    // Capture begins before the server knows of the recording, so its start is the instant the first frame was taken;
    // what arrives before the recording exists waits here.
    const recorder = new MediaRecorder(this.stream, {
      mimeType,
      videoBitsPerSecond: this.options.videoBitsPerSecond,
      audioBitsPerSecond: this.options.audioBitsPerSecond,
    });
    const early: Blob[] = [];
    recorder.ondataavailable = (event) => early.push(event.data);
    recorder.start(this.options.timesliceMs ?? 2_000);
    this.startedAt = performance.now();
    const startedAt = new Date(this.options.serverNow?.() ?? Date.now()).toISOString();
    try {
      this.created = await client.create(sessionId, { kind: 'liveCapture', contentType: mimeType, startedAt }, this.abort.signal);
    } catch (error) {
      recorder.ondataavailable = null;
      recorder.stop();
      throw error;
    }
    this.uploader = new ChunkUploader({
      client,
      sessionId,
      recordingId: this.created.id,
      maxChunkBytes: capabilities.maxChunkBytes,
      retry: this.options.retry,
      onProgress: this.options.onProgress,
      onFailure: (error) => this.fail(error),
      signal: this.abort.signal,
    });
    this.recorder = recorder;
    this.currentState = 'recording';
    recorder.ondataavailable = (event) => this.accept(event.data);
    early.forEach((chunk) => this.accept(chunk));
    return this.created;
  }

  /** Stops recording, waits for every chunk to reach the server, and completes the recording there. */
  async stop(): Promise<Recording> {
    const recorder = this.recorder;
    if (this.currentState === 'failed') {
      // Rejects with the reason the upload gave up.
      await this.uploader?.drain();
    }
    if (!recorder || !this.uploader || !this.created || this.currentState !== 'recording') {
      throw new Error(`The recorder is ${this.currentState}; only a recording recorder can stop.`);
    }
    this.currentState = 'stopping';
    const durationMs = Math.round(performance.now() - this.startedAt);
    if (recorder.state !== 'inactive') {
      // The last dataavailable fires before stop, so once stopped every chunk is queued.
      const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
      recorder.stop();
      await stopped;
    }
    try {
      await this.uploader.drain();
      const completed = await this.options.client.complete(this.options.sessionId, this.created.id, this.uploader.chunkCount, durationMs, this.abort.signal);
      this.created = completed;
      this.currentState = 'stopped';
      return completed;
    } catch (error) {
      this.currentState = 'failed';
      throw error;
    }
  }

  /** Stops recording and uploading without completing; what the server holds stays there, staged. */
  cancel(): void {
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.stop();
    }
    this.abort.abort(new DOMException('Recording cancelled.', 'AbortError'));
    this.currentState = 'stopped';
  }

  private accept(chunk: Blob): void {
    if (this.currentState === 'recording' || this.currentState === 'stopping') {
      this.uploader!.enqueue(chunk);
    }
  }

  /** The uploader gave up: stop recording, since nothing more could be sent, and say so. */
  private fail(error: unknown): void {
    if (this.currentState === 'failed') {
      return;
    }
    this.currentState = 'failed';
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.stop();
    }
    this.options.onError?.(error);
  }
}

/**
 * The moderator's shared screen with the microphone mixed into the screen's own audio (if any), as one stream to
 * record. The caller stops the tracks (stream.getTracks().forEach(t => t.stop())) when the session ends.
 */
export async function captureScreenAndMicrophone(): Promise<MediaStream> {
  const screen = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
  try {
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
    return mixAudio(screen, microphone);
  } catch (error) {
    // Without the microphone nothing is recorded, so the screen must not stay shared (and the browser's sharing bar up).
    screen.getTracks().forEach((track) => track.stop());
    throw error;
  }
}

/** One stream with the first stream's video and every audio track of both mixed into a single track. */
export function mixAudio(video: MediaStream, ...audio: MediaStream[]): MediaStream {
  const sources = [video, ...audio].filter((s) => s.getAudioTracks().length > 0);
  if (sources.length === 0) {
    return new MediaStream(video.getVideoTracks());
  }
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  for (const source of sources) {
    context.createMediaStreamSource(source).connect(destination);
  }
  return new MediaStream([...video.getVideoTracks(), ...destination.stream.getAudioTracks()]);
}
