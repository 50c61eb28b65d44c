namespace KeyMeter.Benchmarks.Proxy;

/// <summary>One call as the client saw it, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
/// <param name="FirstByteTicks">Until the first body byte arrived (for a stream: the first event).</param>
/// <param name="TotalTicks">Until the body was read to its end.</param>
/// <param name="Ok">Status 200 and the expected answer: for a small call its body (<see cref="Target.IsExpectedAnswer"/>), for a stream exactly its length.</param>
internal readonly record struct Measurement(long FirstByteTicks, long TotalTicks, bool Ok);
