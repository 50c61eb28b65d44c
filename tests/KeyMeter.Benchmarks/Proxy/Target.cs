namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Where a client sends its calls and how: the URL, the headers that carry the credential (and the API version where
/// the API wants one), the body of a small non-streaming call and how its answer is told right. Streamed calls send
/// <see cref="ChatPayloads.Request"/> with <c>stream</c> set, to the same URL.
/// </summary>
/// <param name="Headers">Sent with every call: the credential, and any header the API requires.</param>
/// <param name="CompletionBody">The request body of a small non-streaming call.</param>
/// <param name="IsExpectedAnswer">Whether a 200 answer's body to <paramref name="CompletionBody"/> is the one expected.</param>
internal sealed record Target(
    string Name,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] CompletionBody,
    Func<ReadOnlySpan<byte>, bool> IsExpectedAnswer,
    bool ThroughKeyMeter)
{
    private static readonly byte[] ChatCompletion = ChatPayloads.Request(stream: false);

    /// <summary>Chat Completions straight to the upstream's OpenAI API, with the provider key.</summary>
    public static Target Direct(Uri upstream, string providerKey) =>
        new("direct", new Uri(upstream, "v1/chat/completions"), Bearer(providerKey), ChatCompletion, ChatPayloads.IsCompletion, ThroughKeyMeter: false);

    /// <summary>Chat Completions through the bare reference forwarder, with the provider key.</summary>
    public static Target Forwarded(Uri forwarder, string providerKey) =>
        new("bare forwarder", new Uri(forwarder, "v1/chat/completions"), Bearer(providerKey), ChatCompletion, ChatPayloads.IsCompletion, ThroughKeyMeter: false);

    /// <summary>Chat Completions through KeyMeter, with the developer key.</summary>
    public static Target Proxied(Uri keyMeter, string developerKey) =>
        new("KeyMeter", new Uri(keyMeter, "v1/chat/completions"), Bearer(developerKey), ChatCompletion, ChatPayloads.IsCompletion, ThroughKeyMeter: true);

    /// <summary>A Claude call straight to the upstream's Messages API, with the provider key in <c>x-api-key</c>.</summary>
    public static Target MessagesDirect(Uri upstream, string providerKey) =>
        new(
            "direct",
            new Uri(upstream, "v1/messages"),
            [new("x-api-key", providerKey), new("anthropic-version", MessagesPayloads.Version)],
            MessagesPayloads.Request,
            MessagesPayloads.IsMessage,
            ThroughKeyMeter: false);

    /// <summary>The same Claude call as Chat Completions through KeyMeter's <c>/v1</c>, which translates it to Messages and back.</summary>
    public static Target ClaudeProxied(Uri keyMeter, string developerKey) =>
        new("KeyMeter", new Uri(keyMeter, "v1/chat/completions"), Bearer(developerKey), MessagesPayloads.ChatRequest, MessagesPayloads.IsTranslatedCompletion, ThroughKeyMeter: true);

    private static KeyValuePair<string, string>[] Bearer(string key) => [new("Authorization", "Bearer " + key)];
}
