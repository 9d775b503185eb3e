// The production server `npm start` runs: Next's request handler behind a plain node:http server, so that the
// client address the gateway sees (x-forwarded-for, used by per-key IP allow-lists) is the socket's, and the
// forwarded host and protocol are Next's own, not whatever a client chose to send. Behind a trusted reverse proxy set TRUST_PROXY=1 to keep its header.
// On Vercel this file is not used: Vercel overwrites x-forwarded-for itself.
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST;
const trustProxy = /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? "");

const app = next({ dev: false, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  if (!trustProxy) {
    request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    // Sign-in links are built from the forwarded host: a client must not be able to point them elsewhere.
    delete request.headers["x-forwarded-host"];
    delete request.headers["x-forwarded-proto"];
    delete request.headers["x-real-ip"];
  }
  void handle(request, response);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  process.stdout.write(`ready on http://${hostname ?? "localhost"}:${port}\n`);
});

const shutdown = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
