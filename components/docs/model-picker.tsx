"use client";
// The docs' model picker: the chat model every snippet on the page uses, remembered across pages. It needs the
// browser's script, so it stays disabled until that runs; the snippets then show the default model.
import { useEffect, useId, useState } from "react";
import { fieldControl } from "@/components/ui/styles";
import { currentPickedModel, pickModel } from "./picked-model";

export function ModelPicker({
  models,
  defaultModel,
  label,
  hint,
}: {
  /** Model ids, the default among them. */
  models: string[];
  defaultModel: string;
  label: string;
  hint: string;
}) {
  const id = useId();
  const [model, setModel] = useState(defaultModel);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const remembered = currentPickedModel();
    if (remembered && models.includes(remembered)) setModel(remembered);
    // A model since withdrawn from the list is forgotten, so no snippet keeps showing it.
    else if (remembered) pickModel(null);
    setReady(true);
  }, [models]);

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={model}
        disabled={!ready}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setModel(event.target.value);
          pickModel(event.target.value);
        }}
        className={`${fieldControl} max-w-full px-2 py-1.5 font-mono text-[13px] disabled:opacity-70 dark:bg-zinc-900`}
      >
        {models.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {hint}
      </p>
    </div>
  );
}
