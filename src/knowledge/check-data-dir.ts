// What `lagebild check [dir]` runs: every problem in a data folder, none when it is clean.
import { type DataProblem, loadDataset } from './load.js';

export async function checkDataDir(dir: string): Promise<DataProblem[]> {
  const result = await loadDataset(dir);
  return result.ok ? [] : result.problems;
}
