using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Tests;

/// <summary>Table clients whose pipeline ends in a <see cref="RecordingHandler"/> instead of the network.</summary>
internal static class FakeTableService
{
    public const string ConnectionString = "AccountName=acme;AccountKey=c2VjcmV0LWtleS1ieXRlcw==;EndpointSuffix=core.windows.net";

    public static TableClientOptions Options(RecordingHandler handler)
    {
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 2;
        return options;
    }

    public static TableClient Table(RecordingHandler handler, string name = "orders") =>
        TableServiceClient.FromConnectionString(ConnectionString, Options(handler)).GetTableClient(name);
}
