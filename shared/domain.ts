// Domain types shared by the services, every face and the renderer. Plain data only: everything here
// must survive structured clone (IPC) and JSON (browser host, CLI --json).

export const COLUMN_TYPES = ['integer', 'real', 'boolean', 'date', 'datetime', 'text'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const COLUMN_ROLES = [
  'id',
  'feature',
  'category',
  'protected',
  'outcome',
  'decision',
  'score',
  'timestamp',
  'journeyStep',
  'nps',
  'pii',
  'ignore',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const PII_ACTIONS = ['keep', 'drop', 'pseudonymize'] as const;
export type PiiAction = (typeof PII_ACTIONS)[number];

export const PII_KINDS = ['name', 'email', 'phone', 'address', 'birthdate', 'freetext'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

/** How a boolean column's 1/0 map back to the labels the file used ("Yes"/"No", "true"/"false", "1"/"0"). */
export interface BooleanLabels {
  true: string;
  false: string;
}

/** A value as stored and shown: numbers for integer/real/boolean(0/1), ISO strings for dates, text otherwise. */
export type CellValue = string | number | null;

// ---------------------------------------------------------------- workspace

export interface WorkspaceInfo {
  path: string;
  name: string;
  schemaVersion: number;
  datasets: number;
  isDemo: boolean;
  sizeBytes: number;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface ActivityEntry {
  id: number;
  at: string;
  action: string;
  summary: string;
  params: Record<string, unknown>;
}

/** One entry of the browser host's own file picker (Electron uses native dialogs instead). */
export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  sizeBytes: number | null;
}

// ---------------------------------------------------------------- datasets

export interface ColumnMeta {
  /** Position in the dataset (0-based), stable. */
  index: number;
  /** Display name (unique within the dataset). */
  name: string;
  /** Header as it appeared in the file ('' when blank). */
  originalName: string;
  type: ColumnType;
  role: ColumnRole;
  piiAction: PiiAction;
  booleanLabels?: BooleanLabels;
  /** Pattern the dates were read with, e.g. 'DD-MM-YYYY', for explainability. */
  dateFormat?: string;
}

export interface DatasetSummary {
  id: number;
  name: string;
  rows: number;
  columns: ColumnMeta[];
  sourceFile: string;
  importedAt: string;
}

// ---------------------------------------------------------------- import

export interface ImportOptions {
  /** Override the detected delimiter (',', ';', '\t', '|'). */
  delimiter?: string;
  encoding?: FileEncoding;
  hasHeader?: boolean;
  /** 'fail' (default): the first malformed row aborts the import. 'skip': such rows are counted and listed. */
  onBadRow?: 'fail' | 'skip';
}

export interface HeaderFix {
  index: number;
  original: string;
  name: string;
  reason: 'blank' | 'duplicate';
}

export interface ColumnPreview extends ColumnMeta {
  /** PII kind the detector proposes, null when the column does not look personal. */
  piiKind: PiiKind | null;
  /** Which detection rule fired, in words (a header in one of seven languages, or the share of values of a shape). */
  piiReason?: string;
  /** Share of sampled non-missing values that fit the inferred type (1 = all). */
  typeConfidence: number;
  missingInSample: number;
}

export interface ImportPreview {
  path: string;
  fileName: string;
  sizeBytes: number;
  encoding: FileEncoding;
  delimiter: string;
  hasHeader: boolean;
  headerFixes: HeaderFix[];
  columns: ColumnPreview[];
  /** First rows as raw text, one array per row, aligned to columns. */
  rows: string[][];
  sampledRows: number;
  suggestedName: string;
  warnings: string[];
}

/** The analyst's decision per column before commit; omitted columns keep the inferred plan. */
export interface ColumnPlan {
  index: number;
  name?: string;
  type?: ColumnType;
  role?: ColumnRole;
  piiAction?: PiiAction;
}

export interface ImportResult {
  dataset: string;
  datasetId: number;
  rows: number;
  columns: Pick<ColumnMeta, 'name' | 'type' | 'role' | 'piiAction'>[];
  rejectedRows: number;
  warnings: string[];
  encoding: FileEncoding;
  delimiter: string;
  seconds: number;
}

// ---------------------------------------------------------------- profile

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface TopValue {
  value: string;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  missing: number;
  missingPct: number;
  distinct: number;
  /** Numbers for numeric/boolean columns, ISO strings for dates, null when there are no values. */
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  median: number | null;
  std: number | null;
  histogram: HistogramBin[] | null;
  topValues: TopValue[] | null;
  /** Tukey fences (1.5 IQR) for numeric columns; null on bounded scales (whole numbers within 0–10, any number within
   *  0–1: ratings, NPS, flags, shares), where a value far from the middle is an answer, not an error. */
  outliers: { count: number; lower: number; upper: number } | null;
}

export const ISSUE_KINDS = [
  'duplicateIds',
  'constantColumn',
  'highMissing',
  'mixedTypes',
  'invalidDates',
  'futureDates',
  'impossibleValues',
  'tinyGroups',
  'imbalancedGroups',
  'emptyDataset',
] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export interface DataIssue {
  kind: IssueKind;
  column: string | null;
  severity: 'info' | 'warning' | 'error';
  message: string;
}

export interface DatasetProfile {
  dataset: string;
  rows: number;
  columns: ColumnProfile[];
  issues: DataIssue[];
}

// ---------------------------------------------------------------- grid

export type FilterOp = 'contains' | 'equals' | 'notEquals' | 'gt' | 'gte' | 'lt' | 'lte' | 'isMissing' | 'notMissing';

export interface RowFilter {
  column: string;
  op: FilterOp;
  value?: string | number;
}

export interface RowSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface RowPage {
  columns: string[];
  rows: CellValue[][];
  /** Rows matching the filters (all rows when none). */
  total: number;
  offset: number;
}

// ---------------------------------------------------------------- jobs

export interface JobProgress {
  jobId: string;
  phase: string;
  done: number;
  /** null when the total is unknown. */
  total: number | null;
  message?: string;
  /** 0–1 of the whole job, when the job knows its stages (done/total is then the current stage's own count). */
  fraction?: number;
  /** Stage i of n of such a job. */
  stage?: number;
  stages?: number;
}
