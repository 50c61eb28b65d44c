namespace KeyMeter.Adapters.Tests;

/// <summary>What <see cref="RecordingHandler"/> saw of one request.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
