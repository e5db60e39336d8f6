import { redirect } from "next/navigation";
import { AdminForbidden } from "@/components/admin/admin-page";
import { adminPageActor } from "@/lib/data/admin/guard";

export default async function AdminIndexPage() {
  if (!(await adminPageActor("/admin"))) return <AdminForbidden />;
  redirect("/admin/deliverability");
}
