"use client";
// Keeps the status page current: the server renders it again every 30 s (router.refresh keeps scroll and focus),
// and not while the tab is hidden; coming back to the tab refreshes at once if a refresh was missed.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    let last = Date.now();
    const tick = () => {
      if (document.visibilityState !== "visible") return;
      last = Date.now();
      router.refresh();
    };
    const timer = window.setInterval(tick, everyMs);
    const onVisible = () => {
      if (document.visibilityState === "visible" && Date.now() - last >= everyMs) tick();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router, everyMs]);
  return null;
}
