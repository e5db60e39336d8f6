// Runs once when a server process starts (never during `next build`). If start-up fails
// (migrations, seed), the process exits: a server that answers 500 to everything would look
// alive to a process manager.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("./lib/setup/start");
  try {
    await startServer();
  } catch (e) {
    console.error("SendStatus could not start:", e);
    process.exit(1);
  }
}
