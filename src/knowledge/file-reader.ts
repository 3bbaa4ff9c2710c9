// How loadDataset gets the text of its files: read here, one by one, or by a
// worker thread reading ahead (read-ahead.ts). Either way each file is read by
// readDataFile's rules, so what a file yields does not depend on who read it.
import { join } from 'node:path';

import { type DataFileRead, readDataFile } from './data-file.js';

/** The files of one load, in order; relative to `dir`. */
export interface FileList {
  dir: string;
  files: readonly string[];
  /** Per file: whether the folder listing showed it as a regular file (see readDataFile). */
  listedAsFile: readonly boolean[];
  /** Per file: the largest size read. */
  maxBytes: readonly number[];
}

export interface FileReader {
  /** Announces the files; called once, before the first read. */
  begin(list: FileList): void;
  /** The text of file `index`. Files are asked for in order, each once. */
  read(index: number): DataFileRead | Promise<DataFileRead>;
}

/** Reads each file when asked, on the calling thread. */
export function readInThread(): FileReader {
  let list: FileList | undefined;
  return {
    begin(files) {
      list = files;
    },
    read(index) {
      if (!list) throw new Error('read before begin');
      return readFromList(list, index);
    },
  };
}

export function readFromList(list: FileList, index: number): DataFileRead {
  return readDataFile(join(list.dir, list.files[index]!), list.maxBytes[index]!, list.listedAsFile[index]);
}
