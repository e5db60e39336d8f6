// A long part of a page (a conversation's texts, the side inbox) that a browser loading the page
// as a document gets after the page's frame (navigation, header, composer), in the same response.
// The frame reaches the browser sooner and the browser starts on the styles and scripts while the
// server renders the rest. Place it inside <Suspense> with a skeleton as the fallback.
//
// - better-sqlite3 and React rendering are synchronous, so a part that read and rendered at once
//   would be done before React had sent anything, and go out in one piece with the frame.
//   `StreamedPart` first lets the event loop turn: in Next 16 the frame reaches the socket after
//   six or seven turns (React's flush, then Next's transform streams, each scheduled with
//   setImmediate); ten leave a margin. A turn with nothing to do costs microseconds, and each lets
//   whatever is waiting (a webhook callback, another page) run first. A browser asks for gzip,
//   and `next start` compresses on libuv's thread pool: the compressed frame is written when that
//   work comes back, which a run of quick turns does not wait for (the frame then reached the
//   browser with the texts, at 36-43 ms instead of 15 ms). So the part also waits
//   COMPRESSED_FRAME_MS, during which the event loop waits for that work.
// - React 19.2 reveals a streamed part no sooner than 300 ms after the first paint, to batch
//   reveals (`$RC` in its inline runtime waits until `$RT + 300`, `$RT` being the first paint's
//   time). These parts arrive ~10 ms after the frame, and agents would look at skeletons for a
//   quarter of a second (Firefox: 363 ms instead of 64 ms to the texts, see docs/performance.md).
//   `RevealPromptly`, rendered at the end of each part, forgets `$RT` so React reveals the part at
//   the next frame. Should React's runtime change, it does nothing and React's batching applies.
// - Chromium can do better and hold the first paint until the page is all there: see
//   `HoldFirstPaint`, so an agent there never sees the skeletons on a direct load.
//
// A move inside the app (a link to another conversation, a live refresh) fetches the page's RSC
// payload instead. There React would show the fallback and hold the content back for 300 ms after
// it (the same batching, on the client), so there the parts render at once, in the same response:
// the previous page stays until the whole next one is there. tests/conversation-page.test.ts
// checks both shapes.
import "server-only";
import { headers } from "next/headers";

const PAGE_SHELL_TURNS = 10;
const COMPRESSED_FRAME_MS = 2;

/**
 * `stream`: a browser is loading the page as a document (not the app's own RSC fetch), so its long
 * parts go after the frame (`StreamedPart`). `nonce`: the request's CSP nonce (set by proxy.ts), for inline scripts.
 */
export async function pageLoad(): Promise<{ stream: boolean; nonce: string | undefined }> {
  const h = await headers();
  return { stream: (h.get("accept") ?? "").includes("text/html"), nonce: h.get("x-nonce") ?? undefined };
}

/** `children` after the page's frame on a document load (`stream`), at once otherwise. */
export function StreamedPart({ stream, nonce, children }: { stream: boolean; nonce: string | undefined; children: React.ReactNode }) {
  // Both shapes have the same children, the script's place holding nothing in the RSC one, so
  // that a live refresh after a document load keeps the part (and what is open in it) in place.
  const part = (
    <>
      {children}
      {stream ? <RevealPromptly nonce={nonce} /> : null}
    </>
  );
  return stream ? <AfterFrame>{part}</AfterFrame> : part;
}

async function AfterFrame({ children }: { children: React.ReactNode }) {
  for (let i = 0; i < PAGE_SHELL_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setTimeout(resolve, COMPRESSED_FRAME_MS));
  return children;
}

// Runs when the part's HTML has been parsed, just before React's script that moves it into place.
// Only on a document load: React inserting a script on the client would not run it (and warns).
function RevealPromptly({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "window.$RT=undefined" }} />;
}

// `<link rel="expect" blocking="render">` holds the first paint until the element it names has
// been parsed, or until the whole document has: this one names no element, so the page paints
// once, complete, as a page sent in one piece would. React hoists the link into <head>. Browsers
// without it (Firefox, Safari) paint the frame first and the parts right after (RevealPromptly).
export function HoldFirstPaint() {
  return <link rel="expect" href="#page-complete" blocking="render" />;
}
