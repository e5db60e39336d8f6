import "server-only";
// Route-handler plumbing: who is asking, JSON bodies parsed with zod, and errors turned into
// {"error"} answers. Database and programming errors are logged, never shown.
import { z } from "zod";
import { actorFromHeaders, type Actor } from "./actor";
import { AppError, isAppError } from "./errors";
import { appOrigins } from "@/lib/env";

export type ApiHandler<C> = (req: Request, actor: Actor | null, ctx: C) => Promise<Response> | Response;

export function apiRoute<C>(handler: ApiHandler<C>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const actor = await actorFromHeaders(req.headers);
      if (actor?.via === "session" && !SAFE_METHODS.has(req.method)) refuseCrossOrigin(req);
      return await handler(req, actor, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// A browser sends Origin (and Sec-Fetch-Site) with every POST: a cookie-authenticated write from
// another site is refused. API-token clients are not browsers and carry no ambient credentials.
export function refuseCrossOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site === "cross-site") throw new AppError("forbidden", "Cross-site requests are refused");
  const origin = req.headers.get("origin");
  if (origin && !appOrigins().has(origin)) throw new AppError("forbidden", "Cross-origin requests are refused");
}

export function errorResponse(e: unknown): Response {
  if (isAppError(e)) return Response.json({ error: e.message }, { status: e.status });
  const code = (e as { code?: string })?.code;
  if (typeof code === "string" && code.startsWith("SQLITE_BUSY")) {
    return Response.json({ error: "The database is busy; please retry" }, { status: 503, headers: { "retry-after": "1" } });
  }
  console.error("unexpected error in an API route", e);
  return Response.json({ error: "Something went wrong on our side; it has been logged" }, { status: 500 });
}

const MAX_JSON_BYTES = 256 * 1024;

export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new AppError("bad_request", "Send a JSON body with Content-Type: application/json");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new AppError("payload_too_large", "The JSON body is larger than 256 KiB");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = first.path.length ? `${first.path.join(".")}: ` : "";
    throw new AppError("bad_request", `${where}${first.message}`);
  }
  return parsed.data;
}

export function parseId(raw: string, what: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw new AppError("not_found", `There is no ${what} "${raw.slice(0, 40)}"`);
  return Number(raw);
}
