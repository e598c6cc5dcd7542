/**
 * Library code logs through this interface and never imports `@actions/core`, so the same code
 * serves the actions (`actions/lib/runner/actions-logger.ts`), the CLI and the tests.
 */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** Something a reader should see that is not a problem (a notice annotation in Actions). */
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  /** Folds the output of `fn` under a heading (a collapsible group in Actions). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

function where(p?: AnnotationProperties): string {
  if (!p?.file) return '';
  return `${p.file}${p.startLine ? `:${p.startLine}${p.startColumn ? `:${p.startColumn}` : ''}` : ''}: `;
}

/** Writes to a stream (stderr by default for diagnostics); `debug` only when `verbose`. */
export class ConsoleLogger implements Logger {
  constructor(
    private readonly out: NodeJS.WritableStream = process.stderr,
    private readonly verbose = false,
  ) {}
  debug(message: string): void {
    if (this.verbose) this.out.write(`debug: ${message}\n`);
  }
  info(message: string): void {
    this.out.write(`${message}\n`);
  }
  notice(message: string, p?: AnnotationProperties): void {
    this.out.write(`${where(p)}notice: ${message}\n`);
  }
  warning(message: string, p?: AnnotationProperties): void {
    this.out.write(`${where(p)}warning: ${message}\n`);
  }
  error(message: string, p?: AnnotationProperties): void {
    this.out.write(`${where(p)}error: ${message}\n`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.out.write(`── ${name}\n`);
    return fn();
  }
}

/** Records everything; for tests. */
export class MemoryLogger implements Logger {
  readonly lines: {
    level: 'debug' | 'info' | 'notice' | 'warning' | 'error';
    message: string;
    properties?: AnnotationProperties;
  }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  notice(message: string, properties?: AnnotationProperties): void {
    this.lines.push({ level: 'notice', message, properties });
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.lines.push({ level: 'warning', message, properties });
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.lines.push({ level: 'error', message, properties });
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'info', message: `── ${name}` });
    return fn();
  }
  text(): string {
    return this.lines.map((l) => l.message).join('\n');
  }
}
