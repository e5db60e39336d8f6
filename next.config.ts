import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon; twilio is large and only needed on the server.
  serverExternalPackages: ["better-sqlite3", "twilio"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
