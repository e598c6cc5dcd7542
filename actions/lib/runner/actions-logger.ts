import * as core from '@actions/core';
import type { AnnotationProperties, Logger } from '../core/logger.js';

/** The Logger backed by the Actions runtime: annotations, groups, debug only with step debug on. */
export class ActionsLogger implements Logger {
  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    core.info(message);
  }
  notice(message: string, p?: AnnotationProperties): void {
    core.notice(message, p);
  }
  warning(message: string, p?: AnnotationProperties): void {
    core.warning(message, p);
  }
  error(message: string, p?: AnnotationProperties): void {
    core.error(message, p);
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(name, fn);
  }
}
