// An answer as text: paragraphs and line breaks as written, fenced code as a code block, `inline code` as code. No
// Markdown library (and no HTML from the model is ever rendered): only these, which answers use most.
import { Fragment } from "react";

/** Splits text into prose and ``` fenced code (an unclosed fence, mid-stream, runs to the end). */
export function splitFences(text: string): Array<{ kind: "prose" | "code"; text: string }> {
  const parts: Array<{ kind: "prose" | "code"; text: string }> = [];
  const pieces = text.split(/^```[^\n]*\n?/m);
  pieces.forEach((piece, index) => {
    const kind = index % 2 === 1 ? "code" : "prose";
    const body = kind === "code" ? piece.replace(/\n$/, "") : piece;
    if (body !== "" || kind === "code") parts.push({ kind, text: body });
  });
  return parts;
}

function InlineCode({ text }: { text: string }) {
  const pieces = text.split(/`([^`\n]+)`/);
  return (
    <>
      {pieces.map((piece, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order; they never move.
          <code key={index} className="rounded bg-zinc-200/70 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800">
            {piece}
          </code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Fragment key={index}>{piece}</Fragment>
        ),
      )}
    </>
  );
}

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {splitFences(text).map((part, index) =>
        part.kind === "code" ? (
          <pre
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order; they never move.
            key={index}
            className="my-2 overflow-x-auto rounded-lg bg-zinc-900 p-3 font-mono text-[13px] leading-relaxed text-zinc-100 dark:bg-black/60"
          >
            <code>{part.text}</code>
          </pre>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <span key={index} className="whitespace-pre-wrap break-words">
            <InlineCode text={part.text} />
          </span>
        ),
      )}
    </>
  );
}
