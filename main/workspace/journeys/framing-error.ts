/** The block scan's framing broken by the data itself (a separator inside a value, gaps in _row): redo row by row. */
export class FramingError extends Error {}
