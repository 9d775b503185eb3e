// The chat model the reader picked in the docs, remembered in the browser and followed by every snippet on the page.
const STORAGE_KEY = "switchyard.docs-model";
export const PICKED_MODEL_CHANGED = "switchyard:docs-model";

export function pickedModel(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Remembers `model` (null forgets it) and tells every snippet on the page. */
export function pickModel(model: string | null): void {
  try {
    if (model === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, model);
  } catch {
    // Private windows may refuse storage: the choice then holds until the page is left.
    pickedInMemory = model;
  }
  window.dispatchEvent(new Event(PICKED_MODEL_CHANGED));
}

let pickedInMemory: string | null = null;

/** The picked model, from storage or, where storage is refused, from this page's memory. */
export function currentPickedModel(): string | null {
  return pickedModel() ?? pickedInMemory;
}
