// Waiting for a benchmark child process to report over IPC.
import type { ChildProcess } from 'node:child_process';

/** The child's next message that `accept` takes; fails if the child exits first. Removes its listeners either way. */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!accept(message)) return;
      child.off('message', onMessage).off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`benchmark child exited early (code ${code})`));
    };
    child.on('message', onMessage).once('exit', onExit);
  });
}

/** Accepts the messages of `T` (a message type or a union of them) whose `kind` is `kind`. */
export const hasKind =
  <T extends { kind: string }, K extends T['kind'] = T['kind']>(kind: K) =>
  (message: unknown): message is Extract<T, { kind: K }> =>
    (message as { kind?: unknown } | null | undefined)?.kind === kind;
