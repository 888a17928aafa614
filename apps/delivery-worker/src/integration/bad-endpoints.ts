import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';

/** A misbehaving HTTP endpoint on loopback, written at the TCP level so it can break the protocol. */
export interface BadEndpoint {
  url: string;
  /** Connections it accepted. */
  connections: () => number;
  close: () => Promise<void>;
}

/** Calls `behave` with every accepted socket once the request's headers arrived. */
async function startRaw(behave: (socket: Socket) => void): Promise<BadEndpoint> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      behave(socket);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads the request and never answers. */
export const hangingEndpoint = () => startRaw(() => {});

/** Reads the request and resets the connection (TCP RST). */
export const resettingEndpoint = () => startRaw((socket) => socket.resetAndDestroy());

/** Answers one byte of the status line every 100 ms, never finishing the headers. */
export const tricklingEndpoint = () =>
  startRaw((socket) => {
    const answer = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n';
    let index = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || index >= answer.length) {
        clearInterval(timer);
        return;
      }
      socket.write(answer.charAt(index));
      index += 1;
    }, 100);
    socket.on('close', () => clearInterval(timer));
  });

/** Answers 200 with a 64 MiB body, written as fast as the socket takes it. */
export const hugeBodyEndpoint = () =>
  startRaw((socket) => {
    const total = 64 * 1024 * 1024;
    socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${total}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });

/** Answers 302 to `location`. */
export const redirectingEndpoint = (location: string) =>
  startRaw((socket) => {
    socket.end(
      `HTTP/1.1 302 Found\r\nlocation: ${location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`,
    );
  });
