using System.Text.Json;

namespace KeyMeter.Core.Agents;

/// <summary>
/// The session a proxy call belongs to, as its client names it:
/// <list type="number">
/// <item>Claude Code's <c>X-Claude-Code-Session-Id</c> header (newer versions);</item>
/// <item>Anthropic's <c>metadata.user_id</c>, where Claude Code writes its session either as JSON
/// (<c>{"device_id":…,"account_uuid":…,"session_id":…}</c>) or, in older versions, as
/// <c>user_{hash}_account_{uuid}_session_{uuid}</c>;</item>
/// <item>Codex's <c>session_id</c> (or <c>session-id</c>) header, its conversation id.</item>
/// </list>
/// The same id is the <c>session.id</c> / <c>conversation.id</c> the agent puts in its telemetry, which is how a call
/// seen by both is counted once. The id only groups calls; it never decides what a call costs or whom it is charged to.
/// </summary>
public static class ClientSessions
{
    public const string ClaudeCodeHeader = "X-Claude-Code-Session-Id";

    public const string CodexHeader = "session_id";

    public const string CodexHyphenHeader = "session-id";

    private const string LegacyMarker = "_session_";

    /// <summary>The session id, or null when the call names none (or names one that is not a well-formed id).</summary>
    public static string? Of(string? claudeCodeHeader, string? codexHeader, string? metadataUserId)
    {
        return SessionIds.Clean(claudeCodeHeader) ?? FromMetadata(metadataUserId) ?? SessionIds.Clean(codexHeader);
    }

    /// <summary>The session Claude Code wrote into <c>metadata.user_id</c>, in either of its formats.</summary>
    public static string? FromMetadata(string? userId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        if (userId.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(userId);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("session_id", out var session)
                    && session.ValueKind == JsonValueKind.String
                    ? SessionIds.Clean(session.GetString())
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var at = userId.LastIndexOf(LegacyMarker, StringComparison.Ordinal);
        return at < 0 ? null : SessionIds.Clean(userId[(at + LegacyMarker.Length)..]);
    }
}
