// MMS attachments, public so the provider can fetch them; names are random UUIDs.
import { readMedia } from "@/lib/data/media";

export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  const media = readMedia((await params).name);
  if (!media) return Response.json({ error: "There is no such attachment" }, { status: 404 });
  return new Response(new Uint8Array(media.bytes), {
    headers: {
      "content-type": media.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
}
