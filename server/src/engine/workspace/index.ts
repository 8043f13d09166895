// The workspace graph's public surface (see README.md).
export { WorkspaceGraph, sameNamespace, shortPlace, type FileLocation, type GraphChange, type IndexedChunk, type WorkspaceGraphOptions } from './graph';
export type { ConfigRef, DocPlacement, Loc, ObjectFacts, PodFacts } from './facts';
export { defineFactExtractor, factsOf, type FactExtractor } from './extractor';
export { EXTRACTORS } from './extractors';
export * from './k8s-facts';
export { defineGraphRule, isGraphRule, type GraphRule, type GraphRuleContext, type GraphRuleDefinition } from './graph-rule';
export { describeLabels, describeSelector, isEmptySelector, matchesMap, matchesSelector, parseSelector, type Labels, type Selector } from './selectors';
export { indexTexts, type IndexMeasurement } from './measure';
