export * from './errors.js';
export * from './findings.js';
export * from './logger.js';
export * from './clock.js';
export * from './inputs.js';
export * from './aws.js';
