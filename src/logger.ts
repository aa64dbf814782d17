/**
 * One structured line per event (pino). Off a TTY (systemd, docker, files) each line is JSON for machines;
 * on a TTY the same record is printed as one short readable line, without a pretty-printer dependency.
 */
import { pino, type DestinationStream, type Level, type LevelWithSilent, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Bound to every line as `name` (e.g. "worker"). */
  name?: string;
  /** Readable lines instead of JSON; defaults to whether stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (default stdout); tests pass a collector. */
  destination?: DestinationStream;
}

const LEVEL_NAMES: Record<number, Level> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLOURS: Record<Level, string> = {
  trace: '\x1b[90m',
  debug: '\x1b[36m',
  info: '\x1b[32m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
  fatal: '\x1b[35m',
};
const RESET = '\x1b[0m';
/** Fields every record has that the readable line shows in its own place or leaves out. */
const FRAME_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'name']);

function renderValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value !== null && typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
    // pino's err serializer gives { type, message, stack }: one line keeps the message.
    return JSON.stringify(value.message);
  }
  return JSON.stringify(value) ?? String(value);
}

/** One pino JSON record as `HH:MM:SS.mmm LEVEL [name] message key=value …` (time in UTC). */
export function formatLine(json: string, colour: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const level = LEVEL_NAMES[Number(record['level'])] ?? 'info';
  const time = typeof record['time'] === 'string' ? record['time'].slice(11, 23) : '';
  const label = level.toUpperCase().padEnd(5);
  const parts = [time, colour ? `${LEVEL_COLOURS[level]}${label}${RESET}` : label];
  if (typeof record['name'] === 'string') parts.push(`[${record['name']}]`);
  if (typeof record['msg'] === 'string' && record['msg'] !== '') parts.push(record['msg']);
  for (const [key, value] of Object.entries(record)) {
    if (FRAME_KEYS.has(key) || value === undefined) continue;
    parts.push(`${key}=${renderValue(value)}`);
  }
  return parts.filter((p) => p !== '').join(' ');
}

function readableStream(write: (text: string) => unknown, colour: boolean): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (line.trim() !== '') write(`${formatLine(line, colour)}\n`);
      }
    },
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const base = options.name ? { name: options.name } : {};
  const given = options.destination;
  const destination = given
    ? pretty
      ? readableStream((text) => given.write(text), false)
      : given
    : pretty
      ? readableStream((text) => process.stdout.write(text), true)
      : pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...base },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

/** A logger that drops everything (tests and library callers that do not care). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
