// Data that does not load: main prints the message, exit code 1. Its own module,
// so main need not load the data loader to recognise it.
export class DataError extends Error {
  override name = 'DataError';
}
