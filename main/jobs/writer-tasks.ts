// The job kinds that write to their workspace (a write queue per workspace runs them one at a time), in a module of
// its own so the job runner knows them without loading the task table (./tasks.ts).
import type { TaskKind } from './tasks';

export const WRITER_TASKS: ReadonlySet<TaskKind> = new Set<TaskKind>(['import', 'segment.run', 'segment.score', 'segment.rfm', 'predict.score', 'drift.run']);
