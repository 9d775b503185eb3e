// The floor: the least a Node proxy can do (read the body, fetch() upstream, pipe the answer back).
// The gateway is judged against this, not against the mock, so only its own overhead counts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

export async function startFloorProxy(
  upstreamUrl: string,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const upstream = await fetch(`${upstreamUrl}${request.url ?? "/"}`, {
        method: request.method,
        headers: { "content-type": "application/json", authorization: request.headers.authorization ?? "" },
        body: Buffer.concat(chunks),
      });
      response.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/json",
      });
      const reader = upstream.body?.getReader();
      if (reader)
        for (let part = await reader.read(); !part.done; part = await reader.read()) response.write(part.value);
      response.end();
    } catch (error) {
      if (response.headersSent) response.destroy();
      else response.writeHead(502).end(String(error));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${boundPort}`, close };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const proxy = await startFloorProxy(process.argv[2] ?? "http://127.0.0.1:1", Number(process.argv[3] ?? 0));
  process.stdout.write(`${JSON.stringify({ url: proxy.url })}\n`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void proxy.close().then(() => process.exit(0)));
}
