// A trivial dynamic page: the baseline the benchmark compares page TTFB against (npm run bench).
import { connection } from "next/server";

export default async function PingPage() {
  await connection();
  return <p>SendStatus is up</p>;
}
