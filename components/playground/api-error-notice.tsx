// An error as the API gave it: what it means for the reader first (their language), then the API's own status, code
// and message, unchanged, so that what the docs say about it can be looked up.
import type { ReactNode } from "react";
import type { ApiError } from "./chat-stream";

export function ApiErrorNotice({
  error,
  title,
  children,
  apiSays,
}: {
  error: ApiError;
  title: string;
  /** What to do: a retry time, a link. */
  children?: ReactNode;
  /** "The API said", before the API's message. */
  apiSays: string;
}) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-3 text-sm text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1 text-amber-900 dark:text-amber-200">{children}</div>}
      <p className="mt-2 break-words text-xs text-amber-900/80 dark:text-amber-200/80">
        {apiSays}
        {": "}
        <span className="font-mono">
          {[error.status, error.code].filter((part) => part !== undefined && part !== null).join(" ")}
        </span>
        {error.status !== undefined || error.code ? " — " : ""}
        {error.message}
      </p>
    </div>
  );
}
