// The signed-in member: who they are, the workspaces they belong to and their role in each (docs/accounts.md).

import { ApiError, api } from './api';

export type WorkspaceRole = 'owner' | 'researcher' | 'viewer';
export interface WorkspaceMembership { id: string; name: string; role: WorkspaceRole }
export interface Me { id: string; email: string; displayName: string; workspaces: WorkspaceMembership[] }
export interface WorkspaceStudy { id: string; name: string; goal: string; createdAt: string; archivedAt: string | null }
export interface Member { id: string; email: string; displayName: string; role: WorkspaceRole; joinedAt: string }
export interface InvitationCreated { id: string; role: WorkspaceRole; email: string | null; url: string; token: string; expiresAt: string }
export interface InvitationPreview { workspaceName: string; role: WorkspaceRole; email: string | null; expiresAt: string }
export interface ResetLink { url: string; expiresAt: string }
export interface SsoStatus { enabled: boolean; displayName: string | null }
export interface AuditEntry { at: string; actor: string; action: string; target: string | null; detail: string | null }

export const roleWords: Record<WorkspaceRole, string> = {
  owner: 'Owner: everything, plus members, invitations and the audit log',
  researcher: 'Researcher: creates and runs studies',
  viewer: 'Viewer: reads studies, reports and clips',
};

/** Owners and researchers create studies; viewers only read them. */
export function canCreateStudies(role: WorkspaceRole): boolean {
  return role === 'owner' || role === 'researcher';
}

/** The signed-in member, or null when nobody is signed in in this browser. Other refusals are thrown. */
export async function currentMember(): Promise<Me | null> {
  try {
    return await api<Me>('GET', '/api/account', null, undefined, { noSignInRedirect: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** A `?next=` path to go back to after signing in: only a path on this site, never another origin. */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  try {
    const url = new URL(raw, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}

/**
 * The member's role in the workspace holding a study: its studies are listed per workspace, so the workspaces are
 * asked in turn until one lists it. Null when none does (the study is not theirs, or nobody is signed in).
 */
export async function roleForStudy(me: Me, studyId: string): Promise<WorkspaceRole | null> {
  return (await placeOfStudy(me, studyId))?.role ?? null;
}

/** The member's role in the study's workspace, and the study as that workspace lists it (archived or not). */
export async function placeOfStudy(me: Me, studyId: string): Promise<{ role: WorkspaceRole; study: WorkspaceStudy } | null> {
  for (const w of me.workspaces) {
    const studies = await api<WorkspaceStudy[]>('GET', `/api/workspaces/${encodeURIComponent(w.id)}/studies`, null, undefined, { noSignInRedirect: true }).catch(() => []);
    const study = studies.find((s) => s.id === studyId);
    if (study) return { role: w.role, study };
  }
  return null;
}
