// "Can help" / "Won't help": text first, icon only reinforces it.
import { RotateCcw, Ban } from "lucide-react";

export function ResendVerdict({ canHelp }: { canHelp: boolean }) {
  return canHelp ? (
    <span className="inline-flex items-center gap-1 whitespace-nowrap text-emerald-800">
      <RotateCcw aria-hidden="true" className="h-3.5 w-3.5" />
      Can help
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 whitespace-nowrap text-red-800">
      <Ban aria-hidden="true" className="h-3.5 w-3.5" />
      Won&apos;t help
    </span>
  );
}
