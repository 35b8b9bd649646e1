import { bootstrap } from '../../src/bootstrap.js';
import { createHandler } from './handler.js';

// Module scope = cold start: configuration is validated and the connection cached per warm instance.
const instance = bootstrap();

/** The cloud function entry: SCF, CloudBase and AWS-style HTTP events. */
export const main = createHandler(instance.handler);
