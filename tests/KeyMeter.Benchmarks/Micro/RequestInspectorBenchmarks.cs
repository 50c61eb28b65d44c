using BenchmarkDotNet.Attributes;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Benchmarks.Micro;

/// <summary>What the proxy pays per request to read model, stream and limits from a 20 KB chat body.</summary>
[MemoryDiagnoser]
public class RequestInspectorBenchmarks
{
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        _body = MicroPayloads.ChatRequest(20 * 1024);
        if (RequestInspector.Inspect(_body, out var error) is not { Model: "gpt-5", Stream: true })
        {
            throw new InvalidOperationException("The benchmark body does not inspect as expected: " + error);
        }
    }

    [Benchmark(Description = "Inspect 20 KB chat body")]
    public RequestSummary? Inspect() => RequestInspector.Inspect(_body, out _);
}
