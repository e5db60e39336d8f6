// Server-sent events: which conversations changed, so open inboxes and timelines refresh live.
import { apiRoute } from "@/lib/data/api";
import { requireActor } from "@/lib/data/actor";
import { messageChangesSince } from "@/lib/data/timeline";

export const dynamic = "force-dynamic";

const POLL_MS = 500;
const OVERLAP_MS = 2_000; // rows committed late with an older updated_at are still seen

export const GET = apiRoute((req, actor) => {
  requireActor(actor);
  const encoder = new TextEncoder();
  let since = Date.now() - OVERLAP_MS;
  const seen = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const stop = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        try {
          controller.close();
        } catch {}
      };
      req.signal.addEventListener("abort", stop);
      send(`retry: 2000\n: connected\n\n`);
      let ticks = 0;
      const poll = () => {
        if (req.signal.aborted) return stop();
        try {
          const changes = messageChangesSince(actor, since - OVERLAP_MS);
          const fresh = changes.filter((c) => {
            const key = `${c.id}:${c.updatedAt}`;
            if (seen.has(key)) return false;
            seen.set(key, c.updatedAt);
            return true;
          });
          if (changes.length) since = Math.max(since, changes[changes.length - 1]!.updatedAt);
          for (const [k, at] of seen) if (at < since - 2 * OVERLAP_MS) seen.delete(k);
          if (fresh.length) {
            const conversationIds = [...new Set(fresh.map((c) => c.conversationId))];
            send(`event: messages\ndata: ${JSON.stringify({ conversationIds, messages: fresh.map((c) => ({ id: c.id, displayStatus: c.displayStatus })) })}\n\n`);
          } else if (++ticks % 30 === 0) send(`: keep-alive\n\n`);
        } catch (e) {
          console.error("events: poll failed", e);
        }
        timer = setTimeout(poll, POLL_MS);
      };
      timer = setTimeout(poll, POLL_MS);
    },
    cancel() {
      if (timer) clearTimeout(timer);
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
});
