namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>One request as the fake provider received it.</summary>
internal sealed record ReceivedCall(string Path, string Authorization, string ApiKey, string AnthropicVersion, string Body, bool IncludeUsageRequested);
