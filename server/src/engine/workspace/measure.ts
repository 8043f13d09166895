// A measurement hook for the benchmark: index N files into a fresh graph the way the language
// server does at startup, and report counts (the caller times it). No timing here, so tests can
// use it too.
import { WorkspaceGraph } from './graph';

export interface IndexMeasurement {
  graph: WorkspaceGraph;
  files: number;
  objects: number;
  bytes: number;
}

export function indexTexts(files: Iterable<{ file: string; text: string }>, graph = new WorkspaceGraph()): IndexMeasurement {
  let count = 0;
  let objects = 0;
  let bytes = 0;
  for (const { file, text } of files) {
    graph.setFile(file, text);
    count++;
    bytes += text.length;
    objects += graph.objectsIn(file).length;
  }
  return { graph, files: count, objects, bytes };
}
