/**
 * Progress of a crawl on stderr: one line rewritten in place on a terminal, and on anything else (a log
 * file, CI) only the failures and notes, so logs stay readable.
 */
export interface Progress {
  update(line: string, done: number, total: number, isFailure: boolean): void;
  note(line: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream): Progress {
  const tty = stream.isTTY === true;
  let shown = false;
  const columns = (): number => (tty ? stream.columns || 100 : 100);
  const clear = (): void => {
    if (tty && shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    update(line, done, total, isFailure) {
      if (!tty) {
        if (isFailure) stream.write(`${line}\n`);
        return;
      }
      clear();
      if (isFailure) stream.write(`${line}\n`);
      const text = `[${done}/${total}] ${line}`;
      stream.write([...text].slice(0, columns() - 1).join(''));
      shown = true;
    },
    note(line) {
      clear();
      stream.write(`${line}\n`);
    },
    done() {
      clear();
    },
  };
}
