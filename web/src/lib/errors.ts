import type { SessionError } from './protocol';

/**
 * What to tell a person when the server refuses something. The server's own message is already a sentence a person
 * can act on; for link problems we add what to do next.
 */
export function describeError(error: SessionError | { code: string; message: string }): string {
  switch (error.code) {
    case 'invalidToken':
      return `This link does not work: ${error.message} Ask the researcher for a new link.`;
    case 'tokenExpired':
      return error.message;
    case 'forbidden':
      return `Your role cannot do that. ${error.message}`;
    case 'unavailable':
      return `${error.message}`;
    case 'network':
      return error.message;
    default:
      return error.message || `The server refused this (${error.code}).`;
  }
}
