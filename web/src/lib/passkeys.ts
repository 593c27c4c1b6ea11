// Passkeys (WebAuthn) with the server's Identity endpoints (docs/accounts.md, "Passkeys"): the server writes the
// options as JSON, the browser's own parsers turn them into what navigator.credentials takes, and the credential goes
// back JSON-serialized (PublicKeyCredential.toJSON).

import { ApiError, api } from './api';
import type { Me } from './account';

export interface Passkey { id: string; name: string; createdAt: string }

/** The JSON parsers, typed here so the app does not depend on how new the TypeScript DOM library is. */
interface PublicKeyCredentialStatics {
  parseCreationOptionsFromJSON?: (json: unknown) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (json: unknown) => PublicKeyCredentialRequestOptions;
}

function statics(): PublicKeyCredentialStatics | null {
  return typeof window.PublicKeyCredential === 'function' ? window.PublicKeyCredential as unknown as PublicKeyCredentialStatics : null;
}

/** Whether this browser can make and use passkeys with the server's JSON options. */
export function passkeysSupported(): boolean {
  const s = statics();
  return !!s && typeof s.parseCreationOptionsFromJSON === 'function' && typeof s.parseRequestOptionsFromJSON === 'function'
    && !!navigator.credentials;
}

/** A refusal in the member's words: cancelled, not recognised, not possible on this address, and so on. */
export class PasskeyError extends Error {
  constructor(readonly kind: 'cancelled' | 'notRecognised' | 'alreadyAdded' | 'address' | 'server', message: string) {
    super(message);
  }
}

function fromBrowser(error: unknown, creating: boolean): PasskeyError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new PasskeyError('cancelled', creating
      ? 'No passkey was added: the request was cancelled or timed out.'
      : 'The passkey sign-in was cancelled or timed out, or this device has no passkey for this site.');
  }
  if (name === 'InvalidStateError' && creating) {
    return new PasskeyError('alreadyAdded', 'This device already holds a passkey for your account.');
  }
  if (name === 'SecurityError') {
    const loopback = location.hostname === '127.0.0.1' || location.hostname === '[::1]';
    return new PasskeyError('address', `Passkeys do not work at an IP address such as ${location.host}. `
      + (loopback ? `Open SessionLab as ${location.protocol}//localhost${location.port ? `:${location.port}` : ''} instead.` : 'Open SessionLab by its name instead.'));
  }
  return new PasskeyError('server', `The browser could not use a passkey${error instanceof Error && error.message ? `: ${error.message}` : '.'}`);
}

function fromServer(error: unknown): PasskeyError {
  if (error instanceof ApiError) {
    return new PasskeyError(error.code === 'signInFailed' || error.code === 'passkeyRefused' ? 'notRecognised' : 'server', error.message);
  }
  return new PasskeyError('server', String(error));
}

/** Signs in with a passkey on this device; the server sets the sign-in cookie. */
export async function signInWithPasskey(): Promise<Me> {
  const options = await api<unknown>('POST', '/api/account/passkeys/request-options', null, undefined, { noSignInRedirect: true }).catch((e) => { throw fromServer(e); });
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({ publicKey: statics()!.parseRequestOptionsFromJSON!(options) });
  } catch (error) {
    throw fromBrowser(error, false);
  }
  if (!credential) throw new PasskeyError('cancelled', 'No passkey was chosen.');
  return api<Me>('POST', '/api/account/passkeys/sign-in', null, { credential: JSON.stringify(credential) }, { noSignInRedirect: true })
    .catch((e) => { throw fromServer(e); });
}

/** Makes a passkey for the signed-in member on this device and saves it under the name given. */
export async function addPasskey(name: string): Promise<Passkey> {
  const options = await api<unknown>('POST', '/api/account/passkeys/creation-options').catch((e) => { throw fromServer(e); });
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.create({ publicKey: statics()!.parseCreationOptionsFromJSON!(options) });
  } catch (error) {
    throw fromBrowser(error, true);
  }
  if (!credential) throw new PasskeyError('cancelled', 'No passkey was added.');
  return api<Passkey>('POST', '/api/account/passkeys', null, { credential: JSON.stringify(credential), name: name || undefined })
    .catch((e) => { throw fromServer(e); });
}

export function listPasskeys(): Promise<Passkey[]> {
  return api<Passkey[]>('GET', '/api/account/passkeys');
}

export function removePasskey(id: string): Promise<void> {
  return api<void>('DELETE', `/api/account/passkeys/${encodeURIComponent(id)}`);
}
