import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/data/actor";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/conversations";
  if (await currentActor()) redirect(target);
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to SendStatus</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">See whether every text reached your customers.</p>
        <SignInForm next={target} />
      </div>
    </main>
  );
}
