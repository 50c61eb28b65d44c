using KeyMeter.Core.Agents;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Who is calling through the proxy, as far as the call says: the coding agent its User-Agent names and the session it
/// belongs to (<see cref="ClientSessions"/>). Both only label the call's usage record; neither changes what it costs.
/// </summary>
internal sealed record CallClient(string Agent, string? SessionId)
{
    public static CallClient Of(HttpRequest request, RequestSummary summary)
    {
        var headers = request.Headers;
        var codex = headers[ClientSessions.CodexHeader].ToString();
        var session = ClientSessions.Of(
            headers[ClientSessions.ClaudeCodeHeader].ToString(),
            codex.Length > 0 ? codex : headers[ClientSessions.CodexHyphenHeader].ToString(),
            summary.MetadataUserId);
        return new CallClient(CodingAgents.FromUserAgent(headers.UserAgent.ToString()), session);
    }
}
