import "server-only";

// better-sqlite3 and React rendering are both synchronous, so a page that reads and renders in
// one go sends nothing until all of it is done. A part of a page behind <Suspense> awaits this
// before its reads, so that React renders and sends the page's frame first and streams the part
// after it. In Next 16 the frame reaches the socket after six or seven event-loop turns (React's
// flush, then Next's transform streams, each scheduled with setImmediate); ten leave a margin.
// A turn with nothing to do costs microseconds, and each lets whatever is waiting (a webhook
// callback, another page) run first instead of queueing behind this render.
// tests/streaming.test.ts checks that the messages do arrive after the frame.
export const PAGE_SHELL_TURNS = 10;

export async function yieldToPageShell(turns = PAGE_SHELL_TURNS): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
