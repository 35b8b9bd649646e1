/** Starts bench/target.ts in a child process and waits for its READY line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const TARGET = fileURLToPath(new URL('./target.ts', import.meta.url));

export interface Target<T> {
  info: T;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startTarget<T = { url: string }>(args: string[], timeoutMs = 300_000): Promise<Target<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', TARGET, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolveTarget, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`bench target ${args.join(' ')} not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench target ${args.join(' ')} exited with ${code}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolveTarget({ info: JSON.parse(line.slice(6)) as T, child, stop });
    });
  });
}
