namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>What a Table request does, as <see cref="TableTraffic"/> tells it from the method and path.</summary>
internal enum TableRequestKind
{
    Read,
    Write,
    Transaction,
}
