/** Runs a CLI's main and exits non-zero with the error's message (not a stack) when it fails. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
