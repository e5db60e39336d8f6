import "server-only";
import { cookies } from "next/headers";
import { validTimeZone } from "@/lib/format";

export async function viewerTimeZone(): Promise<string> {
  return validTimeZone((await cookies()).get("tz")?.value);
}
