/**
 * An operation's own reading of a successful answer's body, piece by piece as the pieces arrive
 * (gettimeseries decodes each item that way, so that no answer is ever held whole). The fetch stage
 * feeds it under the attempt's timeout, so a body cut off or stalled is retried like any network
 * failure; a reader must not throw (an unreadable body is for the operation to report).
 */
export interface BodyReader {
  push(piece: Uint8Array): void;
}

const wanted = new WeakMap<Request, () => BodyReader>();
const readBy = new WeakMap<Response, BodyReader>();

/** Asks the fetch stage to read the successful answer to `request` with a new reader per attempt. */
export function readBodyWith(request: Request, reader: () => BodyReader): void {
  wanted.set(request, reader);
}

export function bodyReaderFor(request: Request): (() => BodyReader) | undefined {
  return wanted.get(request);
}

/** The fetch stage marks the body-less Response whose body `reader` has read. */
export function markReadBy(response: Response, reader: BodyReader): void {
  readBy.set(response, reader);
}

/** The reader that read `response`'s body, if one did (else the body is still in the Response). */
export function readerOf(response: Response): BodyReader | undefined {
  return readBy.get(response);
}
