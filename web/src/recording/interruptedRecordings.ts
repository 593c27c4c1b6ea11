import { delay } from './ChunkUploader';
import type { RecordingsClient } from './RecordingsClient';
import type { Recording, UploadStatus } from './types';
import { probeMediaDuration } from './uploadRecordingFile';

/**
 * A browser recording whose recorder went away before saving it: the page was reloaded or closed, or the browser
 * crashed. Its chunks stay staged on the server; `chunks` and `bytes` are what it can be saved with.
 */
export interface InterruptedRecording {
  recording: Recording;
  chunks: number;
  bytes: number;
}

/**
 * The chunks a recording can be completed with: those from 0 on, up to the first gap. A chunk after a gap (the
 * one in flight when the page went away never arrived) cannot be decoded without the one before it.
 */
export function savableChunks(status: UploadStatus): { chunks: number; bytes: number } {
  const sizes = new Map(status.chunks.map((c) => [c.index, c.bytes]));
  let chunks = 0;
  let bytes = 0;
  while (sizes.has(chunks)) {
    bytes += sizes.get(chunks)!;
    chunks++;
  }
  return { chunks, bytes };
}

/**
 * Finds the session's browser recordings still uploading but no longer recorded anywhere. A recording that another
 * window is still recording gains a chunk every timeslice (2 s), so only those that stay unchanged for `quietMs`
 * are reported: saving a recording that is still going would cut it short.
 */
export async function findInterruptedRecordings(
  client: RecordingsClient, sessionId: string, recordings: readonly Recording[], except: ReadonlySet<string>, quietMs = 7_000, signal?: AbortSignal,
): Promise<InterruptedRecording[]> {
  const candidates = recordings.filter((r) => r.kind === 'liveCapture' && r.status === 'uploading' && !except.has(r.id));
  if (candidates.length === 0) return [];
  const first = await Promise.all(candidates.map((r) => client.uploadStatus(sessionId, r.id, signal)));
  await delay(quietMs, signal);
  const second = await Promise.all(candidates.map((r) => client.uploadStatus(sessionId, r.id, signal)));
  return candidates.flatMap((recording, i) => {
    const before = first[i]!;
    const after = second[i]!;
    const still = after.status === 'uploading' && after.receivedBytes === before.receivedBytes && after.chunks.length === before.chunks.length;
    return still && !except.has(recording.id) ? [{ recording, ...savableChunks(after) }] : [];
  });
}

/**
 * Saves an interrupted recording with the chunks that reached the server, then measures its length from the stored
 * file itself (the recorder that knew it is gone), so clips are cut only where the recording has pictures.
 */
export async function saveInterruptedRecording(client: RecordingsClient, sessionId: string, interrupted: InterruptedRecording, signal?: AbortSignal): Promise<Recording> {
  if (interrupted.chunks === 0) {
    throw new Error('Nothing of this recording reached the server, so there is nothing to save.');
  }
  const saved = await client.complete(sessionId, interrupted.recording.id, interrupted.chunks, undefined, signal);
  const playback = await client.playback(sessionId, saved.id, signal);
  const durationMs = await probeMediaDuration(playback.url, 20_000);
  return durationMs === null ? saved : client.update(sessionId, saved.id, { durationMs }, signal);
}
