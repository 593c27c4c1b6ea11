/**
 * Recording a session in the browser and playing clips from it. Self-contained: give it a token and a session id.
 *
 *   const client = new RecordingsClient({ token: moderatorInviteToken });
 *   const recorder = new SessionRecorder(await captureScreenAndMicrophone(), { client, sessionId, onProgress });
 *   await recorder.start(); … await recorder.stop();
 *   await new ClipPlayer(videoElement).play(await client.noteClip(sessionId, noteId));
 */
export { ChunkUploader, defaultRetryPolicy, type ChunkUploaderOptions, type RetryPolicy } from './ChunkUploader';
export { ClipPlayer, fragmentUrl, type ClipPlayerOptions, type PlayableClip } from './ClipPlayer';
export {
  RecordingApiError,
  RecordingsClient,
  type ClipWindowOverride,
  type CreateRecordingRequest,
  type RecordingsClientOptions,
} from './RecordingsClient';
export {
  SessionRecorder,
  captureScreenAndMicrophone,
  mixAudio,
  type SessionRecorderOptions,
  type SessionRecorderState,
} from './SessionRecorder';
export {
  findInterruptedRecordings,
  saveInterruptedRecording,
  savableChunks,
  type InterruptedRecording,
} from './interruptedRecordings';
export { probeMediaDuration, uploadRecordingFile, type UploadRecordingFileOptions } from './uploadRecordingFile';
export type * from './types';
