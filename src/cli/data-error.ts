// Data that does not load: main prints the message, exit code 1. Its own module
// for the CLI's cold start: main imports it eagerly to recognise the error, and
// must not load the data loader (zod schemas, the knowledge base) to do so.
export class DataError extends Error {
  override name = 'DataError';
}
