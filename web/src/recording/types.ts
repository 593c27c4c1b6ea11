/** The recordings API's JSON shapes (see docs/protocol.md, "Recordings and clips"). */

export type RecordingKind = 'liveCapture' | 'uploadedFile';

export type RecordingStatus = 'uploading' | 'complete';

export interface Recording {
  id: string;
  sessionId: string;
  studyId: string;
  kind: RecordingKind;
  contentType: string;
  /** Session clock (ms) at the recording's first frame; negative when recording began before the session. */
  clockOffsetMs: number;
  durationMs: number | null;
  expectedBytes: number | null;
  status: RecordingStatus;
  bytes: number | null;
  chunkCount: number | null;
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
  /** The instant capture began; while set, the server places the recording on the session clock from it. */
  captureStartedAt: string | null;
}

export interface UploadedChunk {
  index: number;
  bytes: number;
  committed: boolean;
}

export interface UploadStatus {
  recordingId: string;
  status: RecordingStatus;
  chunks: UploadedChunk[];
  receivedBytes: number;
  maxChunkBytes: number;
  maxRecordingBytes: number;
}

export interface PlaybackLink {
  url: string;
  expiresAt: string;
  contentType: string;
}

export interface Clip {
  noteId: string;
  noteText: string;
  noteKind: string;
  tags: string[];
  noteClockOffsetMs: number;
  recordingId: string;
  /** Seconds on the recording's own timeline. */
  startSeconds: number;
  endSeconds: number;
  beforeSeconds: number;
  afterSeconds: number;
  playback: PlaybackLink;
  /** `playback.url` with the media fragment `#t=start,end`. */
  fragmentUrl: string;
}

export interface HighlightReel {
  tag: string;
  clips: Clip[];
  notesWithoutRecording: string[];
}

export interface ClipExport {
  noteId: string;
  recordingId: string;
  startSeconds: number;
  endSeconds: number;
  bytes: number;
  download: PlaybackLink;
}

export interface RecordingCapabilities {
  clipExport: boolean;
  clipExportUnavailableReason: string | null;
  contentTypes: string[];
  maxChunkBytes: number;
  maxRecordingBytes: number;
  defaultBeforeSeconds: number;
  defaultAfterSeconds: number;
}

/** How far an upload has got; reported after every chunk, retry and completion. */
export interface UploadProgress {
  /** Bytes handed to the uploader so far (recorded, or read from the file). */
  queuedBytes: number;
  uploadedBytes: number;
  queuedChunks: number;
  uploadedChunks: number;
  /** Chunks waiting in memory for the network; grows only while uploads fail. */
  pendingChunks: number;
  /** Set while the uploader waits to try again after a failure. */
  retrying: boolean;
  lastError: string | null;
}
