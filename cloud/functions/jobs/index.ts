import { bootstrap } from '../../src/bootstrap.js';
import { runJobs } from '../../src/jobs/scheduled.js';

// Module scope = cold start: configuration validated, connection cached per warm instance.
const instance = bootstrap();

/**
 * Timer-trigger function (e.g. every minute on SCF or CloudBase): notification delivery, booking and
 * tribute reconciliation, rate-limit sweep. Returns what each job did, for the platform's logs.
 */
export const main = async () => {
  await instance.ready();
  return runJobs(instance.services, instance.logger);
};
