// A refusal for a person, from an admin operation: the message says why, `field` names the input it is about (shown
// beside that input on a form, in the text of an MCP tool error, as the CLI's one-line reason).
export class AdminError extends Error {
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = "AdminError";
    this.field = field;
  }
}
