namespace KeyMeter.Core.Telemetry;

/// <summary>What one telemetry event is to metering.</summary>
public enum AgentCallReading
{
    /// <summary>Not a model call (a prompt, a tool result, a metric-like event): accepted, counted as nothing.</summary>
    NotACall,

    /// <summary>A model call, read.</summary>
    Call,

    /// <summary>A model call event that lacks what pricing needs (model, tokens): rejected, named in the partial success.</summary>
    Rejected,
}
