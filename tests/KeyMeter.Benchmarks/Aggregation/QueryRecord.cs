namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>One query a report made, timed from the call to its last row.</summary>
/// <param name="Query">Which query: partition, daily range or monthly rollup, dimension.</param>
/// <param name="Entries">Dimension values in the rows returned (what the rows' JSON holds).</param>
/// <param name="Ticks">Stopwatch ticks from the call until the last row had been read and decoded.</param>
internal readonly record struct QueryRecord(string Query, int Rows, long Entries, long Ticks);
