import type { LogFields, RcsLogger } from 'rcs-webhooks';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

/** A logger that keeps every line, as `logger.level(message, fields)` calls it. */
export function recordingLogger(): RcsLogger & { lines: LogLine[]; at(level: LogLine['level']): LogLine[] } {
  const lines: LogLine[] = [];
  const write = (level: LogLine['level']) => (message: string, fields: LogFields) => {
    lines.push({ level, message, fields });
  };
  return {
    lines,
    at: (level) => lines.filter((line) => line.level === level),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}
