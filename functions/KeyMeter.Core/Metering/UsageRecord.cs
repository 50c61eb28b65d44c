namespace KeyMeter.Core.Metering;

/// <summary>
/// One metered upstream call: who, which model, how many tokens of each kind, what it cost and at which price
/// version. Carries no prompt or completion text (zero data retention) and no secret, only the key's id.
/// </summary>
/// <param name="Id">Deterministic per call: the same record published twice has the same id, so it counts once.</param>
/// <param name="Source"><c>proxy</c> or <c>cursor</c>.</param>
/// <param name="Status">The upstream HTTP status, or 0 when no response arrived.</param>
/// <param name="Outcome">completed, client_aborted, upstream_failed or upstream_error.</param>
/// <param name="CostUsd">Null when the model has no price (<paramref name="Unpriced"/>).</param>
public sealed record UsageRecord(
    string Id,
    string Source,
    DateTimeOffset StartedAt,
    string KeyId,
    string OwnerEmail,
    IReadOnlyDictionary<string, string> Tags,
    string Provider,
    string Model,
    ApiFormat Api,
    TokenUsage Tokens,
    decimal? CostUsd,
    decimal CursorFeeUsd,
    string PriceVersion,
    bool Unpriced,
    bool Estimated,
    bool Streamed,
    int Status,
    string Outcome,
    long LatencyMs)
{
    /// <summary>Null for a call; otherwise one of <see cref="UsageCharges"/> (Cursor records only).</summary>
    public string? Charge { get; init; }

    /// <summary>
    /// The coding agent that made the call (<see cref="Agents.CodingAgents"/>); null means the one the source implies
    /// (<see cref="Agents.CodingAgents.Of"/>).
    /// </summary>
    public string? Agent { get; init; }

    /// <summary>
    /// The agent's own session id (Claude Code <c>session.id</c>, Codex <c>conversation.id</c>, Cursor's
    /// <c>conversationId</c>), when it named one (<see cref="Agents.SessionIds"/>); null for calls whose sessions come from
    /// idle gaps.
    /// </summary>
    public string? SessionId { get; init; }
}
