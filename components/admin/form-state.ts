// What an operator console form shows after its server action. Client-safe: no server imports here.

export type AdminFormState =
  | { status: "idle" }
  /** Done: `message` says what happened; `list` carries what the action found (a provider's models). */
  | { status: "saved"; message: string; list?: string[]; at: number }
  /** Refused: a message for the form, one per field, and the values as typed so nothing is lost. */
  | { status: "error"; message: string; issues: Record<string, string>; values: Record<string, string>; at: number };

export type AdminFormAction = (previous: AdminFormState, formData: FormData) => Promise<AdminFormState>;

export const IDLE: AdminFormState = { status: "idle" };
