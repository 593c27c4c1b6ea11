// A real recording for tests that play clips and reels: a short WebM cut by ffmpeg, uploaded as the study page does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTimeout } from './timeouts.ts';

/** A 6 s WebM test picture, so a clip or reel has something to play. */
export function testVideo(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sessionlab-video-'));
  try {
    const file = join(dir, 'test.webm');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=6:size=160x120:rate=10', '-c:v', 'libvpx', '-b:v', '200k', '-an', file], { timeout: 60_000 });
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One HTTP call with a bearer token; the parsed JSON answer, or an error naming the status and body. */
export async function send(baseUrl: string, method: string, path: string, token: string, body?: BodyInit, contentType = 'application/json'): Promise<unknown> {
  const response = await withTimeout(fetch(baseUrl + path, { method, body, headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType } }), 15_000, `${method} ${path}`);
  const text = await withTimeout(response.text(), 15_000, `${method} ${path} body`);
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Uploads a recording of the whole session as a file, as the study page's upload form does. */
export async function uploadRecording(baseUrl: string, sessionId: string, accessToken: string): Promise<void> {
  const video = testVideo();
  const base = `/api/sessions/${sessionId}/recordings`;
  const recording = await send(baseUrl, 'POST', base, accessToken, JSON.stringify({ kind: 'uploadedFile', contentType: 'video/webm', clockOffsetMs: 0, durationMs: 6000 })) as { id: string };
  await send(baseUrl, 'PUT', `${base}/${recording.id}/chunks/0`, accessToken, new Uint8Array(video), 'application/octet-stream');
  await send(baseUrl, 'POST', `${base}/${recording.id}/complete`, accessToken, JSON.stringify({ chunkCount: 1, durationMs: 6000 }));
}
