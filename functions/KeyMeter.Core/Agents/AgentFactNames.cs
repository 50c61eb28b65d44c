namespace KeyMeter.Core.Agents;

/// <summary>The names of <see cref="AgentFact"/>s the agent comparison knows.</summary>
public static class AgentFactNames
{
    /// <summary>Lines of code the agent added (Claude Code <c>lines_of_code.count</c> type added; Cursor's total lines added).</summary>
    public const string LinesAdded = "lines_added";

    public const string LinesRemoved = "lines_removed";

    /// <summary>Lines the developer accepted from the agent's suggestions (Cursor).</summary>
    public const string LinesAccepted = "lines_accepted";

    public const string Commits = "commits";

    public const string PullRequests = "pull_requests";

    /// <summary>Seconds the developer was active with the agent (Claude Code <c>active_time.total</c>).</summary>
    public const string ActiveSeconds = "active_seconds";

    /// <summary>Tab completions accepted (Cursor).</summary>
    public const string TabsAccepted = "tabs_accepted";

    /// <summary>Requests in agent, composer and chat modes (Cursor).</summary>
    public const string AgentRequests = "agent_requests";

    public const string ComposerRequests = "composer_requests";

    public const string ChatRequests = "chat_requests";

    /// <summary>Requests Cursor sent with the team's own provider keys (BYOK): what the proxy should have seen.</summary>
    public const string ApiKeyRequests = "api_key_requests";

    /// <summary>The agent's own estimate of its cost in USD (Claude Code <c>cost.usage</c>): a cross-check, never spend.</summary>
    public const string ReportedCostUsd = "reported_cost_usd";

    /// <summary>Tokens the agent says it used (<c>token.usage</c>), every type together: a cross-check, never spend.</summary>
    public const string ReportedTokens = "reported_tokens";
}
