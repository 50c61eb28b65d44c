namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>One request as the fake provider received it: credentials, body, whether usage was requested, query and headers.</summary>
internal sealed record ReceivedCall(
    string Path,
    string Authorization,
    string ApiKey,
    string AnthropicVersion,
    string Body,
    bool IncludeUsageRequested,
    string Query,
    IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
