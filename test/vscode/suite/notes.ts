// Lines a test wants the driver to print even when it passes (a step that had to be retried, say).
export const testNotes: string[] = [];

export function note(line: string): void {
  testNotes.push(line);
  console.log(`  note: ${line}`);
}
