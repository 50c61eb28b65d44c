using System.Text.Json.Serialization;
using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>One session of <c>GET /reports/sessions</c>: who, which agent, when, which models, then its counters.</summary>
internal sealed class SessionResponse : CountersResponse
{
    private SessionResponse(AgentSession session)
        : base(session.Counters)
    {
        Id = session.Id;
        Agent = session.Agent;
        Developer = session.Developer;
        Named = session.Named;
        KeyId = session.KeyId;
        Start = session.Start;
        End = session.End;
        DurationMinutes = Math.Round((decimal)session.Duration.TotalMinutes, 1);
        Models = session.Models;
        SpendUsd = session.SpendUsd;
    }

    [JsonPropertyOrder(-9)]
    public string Id { get; }

    [JsonPropertyOrder(-8)]
    public string Agent { get; }

    [JsonPropertyOrder(-7)]
    public string Developer { get; }

    /// <summary>True when the agent named the session; false when it was cut from a key's calls at idle gaps.</summary>
    [JsonPropertyOrder(-6)]
    public bool Named { get; }

    [JsonPropertyOrder(-5)]
    public string? KeyId { get; }

    [JsonPropertyOrder(-4)]
    public DateTimeOffset Start { get; }

    [JsonPropertyOrder(-3)]
    public DateTimeOffset End { get; }

    [JsonPropertyOrder(-2)]
    public decimal DurationMinutes { get; }

    [JsonPropertyOrder(-1)]
    public IReadOnlyList<string> Models { get; }

    /// <summary>Cost and Cursor fee together: what the sessions are ordered by.</summary>
    public decimal SpendUsd { get; }

    public static SessionResponse Of(AgentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionResponse(session);
    }
}
