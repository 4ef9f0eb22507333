/** The channel of the events of a titles run: each says that its status, phase or count of subjects done changed. */
export function runChannel(runId: string): string {
  return `title-run:${runId}`;
}
