import "server-only";
// MMS attachments: checked (type by content, size), kept under the data folder, and served at a
// public unguessable URL, because the provider fetches them without our session.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { requireActor, type Actor } from "./actor";
import { AppError } from "./errors";

export const MAX_MEDIA_BYTES = 5 * 1024 * 1024; // Twilio's limit for jpeg/png/gif
export const MEDIA_TYPES = { "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif" } as const;
type MediaType = keyof typeof MEDIA_TYPES;

function sniff(bytes: Uint8Array): MediaType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "image/png";
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) return "image/gif";
  return null;
}

function mediaDir(): string {
  return path.join(env().dataDir, "media");
}

export async function saveMediaUpload(actor: Actor | null, file: File): Promise<{ url: string; contentType: MediaType }> {
  requireActor(actor);
  if (file.size === 0) throw new AppError("bad_request", "The attached file is empty.");
  if (file.size > MAX_MEDIA_BYTES) throw new AppError("payload_too_large", "Pictures can be at most 5 MB. Attach a smaller one.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniff(bytes);
  if (!type) throw new AppError("bad_request", "Only JPEG, PNG and GIF pictures can be sent by MMS.");
  const name = `${crypto.randomUUID()}.${MEDIA_TYPES[type]}`;
  fs.mkdirSync(mediaDir(), { recursive: true });
  fs.writeFileSync(path.join(mediaDir(), name), bytes);
  return { url: `${env().publicBaseUrl}/media/${name}`, contentType: type };
}

const NAME = /^[0-9a-f-]{36}\.(jpg|png|gif)$/;
const TYPE_OF_EXT: Record<string, string> = { jpg: "image/jpeg", png: "image/png", gif: "image/gif" };

export function readMedia(name: string): { bytes: Buffer; contentType: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  try {
    return { bytes: fs.readFileSync(path.join(mediaDir(), name)), contentType: TYPE_OF_EXT[m[1]!]! };
  } catch {
    return null;
  }
}
