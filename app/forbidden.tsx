import type { Metadata } from "next";
import { AdminForbidden } from "@/components/admin/admin-page";

export const metadata: Metadata = { title: "Not allowed" };

// Answered with HTTP 403 when a page calls forbidden() (an agent on an admin page).
export default function Forbidden() {
  return (
    <main className="min-h-screen bg-slate-50">
      <AdminForbidden />
    </main>
  );
}
