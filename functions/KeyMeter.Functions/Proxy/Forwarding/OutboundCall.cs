using KeyMeter.Core.Metering;
using KeyMeter.Functions.Proxy.Providers;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// One call as the provider will receive it, decided before any byte leaves (<see cref="OutboundCalls"/>): where it
/// goes, the exact body, how its usage is read and how the answer reaches the client.
/// </summary>
/// <param name="Provider">Who serves it.</param>
/// <param name="Upstream">The upstream path, method and accepted query parameters (the client's route, or the one a translation goes to).</param>
/// <param name="Content">The body sent; null for GET routes.</param>
/// <param name="Api">How usage is read; null for calls that cost nothing (read only as long as the client stays).</param>
/// <param name="Answer">Whether and how the answer is rewritten for the client.</param>
/// <param name="ClientBody">The client's body while <paramref name="Content"/> still points into it: given back once sent.</param>
internal sealed record OutboundCall(
    ProviderDescription Provider,
    ProxyRoute Upstream,
    RequestBodyContent? Content,
    ApiFormat? Api,
    AnswerShape Answer,
    RequestBody? ClientBody)
{
    /// <summary>The input tokens an answer without usage is estimated at (the call's ceiling).</summary>
    public long InputCeiling { get; init; }

    /// <summary>The <c>created</c> time of translated Chat Completions answers, in Unix seconds.</summary>
    public long Created { get; init; }

    /// <summary>Whether a translated stream ends with a usage chunk (the client asked for one).</summary>
    public bool IncludeUsage { get; init; }
}
