// Sends a visitor without a session cookie to the sign-in page, remembering where they were
// going. Only a first, optimistic check: every page and route checks the session itself.
import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";

export function proxy(request: NextRequest) {
  if (getSessionCookie(request, { cookiePrefix: "sendstatus" })) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/conversations/:path*", "/guidance/:path*", "/admin/:path*"],
};
