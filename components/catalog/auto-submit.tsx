"use client";
// With JavaScript, the catalog's filters apply as soon as one changes (the search box still waits for Enter or the
// button), and the URL keeps only what was chosen (no "?q=&provider=&sort=catalog"); without it, the form's button
// submits every field. Renders nothing: it listens on its enclosing form.
import { useEffect, useRef } from "react";

const DEFAULT_SORT = "catalog";

export function AutoSubmit() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    const onChange = (event: Event) => {
      const target = event.target;
      if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === "checkbox")) {
        form.requestSubmit();
      }
    };
    // Fired by every FormData built from the form, next/form's included.
    const onFormData = (event: FormDataEvent) => {
      for (const [name, value] of [...event.formData.entries()]) {
        if (value === "" || (name === "sort" && value === DEFAULT_SORT)) event.formData.delete(name);
      }
    };
    form.addEventListener("change", onChange);
    form.addEventListener("formdata", onFormData);
    // Lets a test (and nothing else) know the filters now apply on change.
    marker.current?.setAttribute("data-auto-submit", "ready");
    return () => {
      form.removeEventListener("change", onChange);
      form.removeEventListener("formdata", onFormData);
    };
  }, []);
  return <span ref={marker} hidden />;
}
