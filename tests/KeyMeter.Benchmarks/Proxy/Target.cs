namespace KeyMeter.Benchmarks.Proxy;

/// <summary>Where a client sends its chat completions and with which key: the upstream directly, through the bare reference forwarder, or through KeyMeter.</summary>
internal sealed record Target(string Name, Uri ChatCompletions, string Authorization, bool ThroughKeyMeter)
{
    public static Target Direct(Uri upstream, string providerKey) =>
        new("direct", new Uri(upstream, "v1/chat/completions"), "Bearer " + providerKey, ThroughKeyMeter: false);

    public static Target Forwarded(Uri forwarder, string providerKey) =>
        new("bare forwarder", new Uri(forwarder, "v1/chat/completions"), "Bearer " + providerKey, ThroughKeyMeter: false);

    public static Target Proxied(Uri keyMeter, string developerKey) =>
        new("KeyMeter", new Uri(keyMeter, "v1/chat/completions"), "Bearer " + developerKey, ThroughKeyMeter: true);
}
