import crypto from "node:crypto";

// API tokens are stored only as this digest (the data layer and the bootstrap token at start).
export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}
