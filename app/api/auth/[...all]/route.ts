// better-auth's own endpoints (sign-in, sign-out, session). Writes from another origin are
// refused before better-auth sees them (no login CSRF).
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";
import { errorResponse, refuseCrossOrigin } from "@/lib/data/api";

export async function POST(req: Request): Promise<Response> {
  try {
    refuseCrossOrigin(req);
  } catch (e) {
    return errorResponse(e);
  }
  return toNextJsHandler(getAuth()).POST(req);
}

export const GET = (req: Request) => toNextJsHandler(getAuth()).GET(req);
