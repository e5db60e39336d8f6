// better-auth's own endpoints (sign-in, sign-out, session).
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";

export const POST = (req: Request) => toNextJsHandler(getAuth()).POST(req);
export const GET = (req: Request) => toNextJsHandler(getAuth()).GET(req);
