using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Benchmarks.Micro;
using KeyMeter.Benchmarks.Proxy;
using KeyMeter.Benchmarks.Telemetry;

// dotnet run -c Release --project tests/KeyMeter.Benchmarks -- proxy [--quick]
// dotnet run -c Release --project tests/KeyMeter.Benchmarks -- aggregation [--quick] [--round-trip-ms N]
// dotnet run -c Release --project tests/KeyMeter.Benchmarks -- telemetry [--quick]
// dotnet run -c Release --project tests/KeyMeter.Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter *Inspect*]
return args switch
{
    ["proxy", .. var rest] when BenchmarkSettings.TryParse(rest, out var settings) => await ProxyBenchmark.RunAsync(settings),
    ["aggregation", .. var rest] when AggregationSettings.TryParse(rest, out var settings) => await AggregationBenchmark.RunAsync(settings),
    ["telemetry", .. var rest] when TelemetrySettings.TryParse(rest, out var settings) => await TelemetryBenchmark.RunAsync(settings),
    ["micro", .. var rest] => MicroBenchmarks.Run(rest),
    _ => PrintUsage(),
};

static int PrintUsage()
{
    Console.Error.WriteLine("""
        Usage:
          proxy [--quick]        direct vs through KeyMeter on loopback: latency, time to first byte, RPS, memory
          aggregation [--quick] [--round-trip-ms N]
                         aggregator and summary reports on Azurite: records/s, Table requests per record, summary latency
                         (N: extra wait per Table request, as a round trip to Azure adds)
          telemetry [--quick]    agents' OTLP log exports through the receiver, the usage queue and the aggregator into Azurite:
                         events/s, model calls/s end to end, post latency, bytes and Table requests per event
          micro [args]           BenchmarkDotNet suite of Core's hot path (RequestInspector, usage meter, KeySecret)
        """);
    return 2;
}
