// A mistyped command line: main prints the message and the usage, exit code 2.
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage:
  lagebild ask "/command option:value …" [--locale LOCALE] [--json] [--data DIR]
  lagebild complete "/command option:partial …" [--locale LOCALE] [--json] [--data DIR]
  lagebild check [DIR]
  lagebild check --todo FILE
  lagebild draft FILE --id ID --date YYYY-MM-DD --publisher NAME [--language de|en]
                 [--written YYYY-MM[-DD]] [--link URL] [--out DIR] [--data DIR]
  lagebild deploy [--guild ID]
  lagebild publish FILE [--data DIR]
  lagebild feed preview URL|FILE [--json] [--data DIR]
  lagebild feed ingest URL|FILE [--json] [--data DIR]
  lagebild alerts failed [--json] [--clear] [--store URL]

Options are written as in Discord's chat box: name:value, "quotes" for spaces,
subcommands as words; a bare value fills the first required option (/alliance csto),
or the only option of a command that has one (/news armenia).
--locale is a Discord locale (default en-US; "de" answers in German).
--data is a data folder (default: the bundled data/).`;
