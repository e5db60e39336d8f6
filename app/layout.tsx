import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SendStatus", template: "%s · SendStatus" },
  description: "See whether every text reached the customer, and why not.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
