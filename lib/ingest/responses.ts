export function webhookError(status: number, error: string): Response {
  return Response.json({ error }, { status });
}

// Only the database can fail here (busy, disk full). Twilio retries a 503; nothing was stored.
export function webhookFailure(e: unknown): Response {
  console.error("webhook could not be stored", e);
  return Response.json(
    { error: "The callback could not be stored right now; please retry" },
    { status: 503, headers: { "retry-after": "1" } },
  );
}
