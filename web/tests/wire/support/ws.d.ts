/** The part of ws 7 (the WebSocket the SignalR client uses in Node, a dependency of @microsoft/signalr) the raw-socket tests use. */
declare module 'ws' {
  export default class WebSocket {
    static readonly OPEN: number;
    constructor(url: string);
    readonly readyState: number;
    send(data: string): void;
    close(): void;
    on(event: 'open', listener: () => void): this;
    on(event: 'close', listener: (code: number) => void): this;
    on(event: 'message', listener: (data: { toString(): string }) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
}
