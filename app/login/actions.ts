"use server";
import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth";
import { clearRateLimit, countRateLimitHit, rateLimitWait } from "@/lib/data/rate-limit";

export interface SignInState {
  error: string | null;
  email: string;
}

// Only paths inside the app, never another origin.
function safeNext(next: FormDataEntryValue | null): string {
  const s = typeof next === "string" ? next : "";
  return s.startsWith("/") && !s.startsWith("//") && !s.startsWith("/\\") ? s : "/conversations";
}

export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and your password.", email };
  const h = await headers();
  const address = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "local";
  // Failed attempts are limited per email and per address; a success clears the email's count.
  const byEmail = { key: `sign-in:email:${email.toLowerCase().slice(0, 200)}`, limit: 10, windowMs: 5 * 60_000 };
  const byAddress = { key: `sign-in:address:${address.slice(0, 64)}`, limit: 50, windowMs: 5 * 60_000 };
  const wait = Math.max(rateLimitWait(byEmail), rateLimitWait(byAddress));
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    return { error: `Too many failed sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`, email };
  }
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers: h });
  } catch (e) {
    if (e instanceof APIError) {
      countRateLimitHit(byEmail);
      countRateLimitHit(byAddress);
      if (e.status === "TOO_MANY_REQUESTS") return { error: "Too many attempts. Wait a minute, then try again.", email };
      return { error: "That email and password don't match an account. Check both and try again.", email };
    }
    throw e;
  }
  clearRateLimit(byEmail.key);
  redirect(safeNext(form.get("next")));
}

export async function signOut(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
  redirect("/login");
}
