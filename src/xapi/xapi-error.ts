/** A refusal the LRS answers with its HTTP status and a message, as the xAPI spec asks (400, 404, 409, 412…). */
export class XapiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function badRequest(message: string): never {
  throw new XapiError(400, message);
}
