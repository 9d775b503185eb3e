// How a handler learns that its client went away before its answer was written. On Next's path it is the Request's
// own signal. On npm start's direct path the node:http adapter attaches a notice of its own to the Request instead of
// building the Request with a signal: on Node 20 every AbortController costs a transferable object, and a Request
// made with a signal follows it with a listener, a WeakRef and a finalizer — measured, 4-5% of a request's CPU for
// the AbortControllers a request made — for a notice almost no request ever gets.

/** What a handler needs of a client's signal (an AbortSignal is one). */
export interface ClientGone {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** The adapter's notice: fires its listeners once, when `abort()` is called. */
export class ClientGoneNotice implements ClientGone {
  aborted = false;
  readonly #listeners = new Set<() => void>();

  addEventListener(_type: "abort", listener: () => void): void {
    if (!this.aborted) this.#listeners.add(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    this.#listeners.delete(listener);
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) listener();
  }
}

// A registered symbol: the adapter runs in the server's copy of lib/ and the handlers in Next's.
const CLIENT_GONE = Symbol.for("switchyard.clientGone");

/** Marks a Request with the notice its handler is to listen to instead of its signal. */
export function withClientGone(request: Request, notice: ClientGone): Request {
  (request as Request & { [CLIENT_GONE]?: ClientGone })[CLIENT_GONE] = notice;
  return request;
}

/** The notice of a client gone: the adapter's, or the Request's own signal (none on a stand-in request of a test). */
export function clientGoneOf(request: Request): ClientGone | undefined {
  return (request as Request & { [CLIENT_GONE]?: ClientGone })[CLIENT_GONE] ?? request.signal;
}
