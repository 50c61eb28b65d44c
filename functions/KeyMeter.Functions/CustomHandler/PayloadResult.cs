using System.Text.Json;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>The result of an <see cref="IPayloadFunction"/>: expected failures are values, not exceptions.</summary>
internal sealed class PayloadResult
{
    private static readonly PayloadResult EmptySuccess = new(PayloadOutcome.Success, null, [], new Dictionary<string, JsonElement>(), null);

    private PayloadResult(
        PayloadOutcome outcome,
        string? reason,
        IReadOnlyList<string> logs,
        IReadOnlyDictionary<string, JsonElement> outputs,
        JsonElement? returnValue)
    {
        Outcome = outcome;
        Reason = reason;
        Logs = logs;
        Outputs = outputs;
        ReturnValue = returnValue;
    }

    public PayloadOutcome Outcome { get; }

    /// <summary>Why the invocation failed; logged and returned to the caller, so never a secret or message content.</summary>
    public string? Reason { get; }

    /// <summary>Lines for the host's invocation log; never a key, a prompt or a completion.</summary>
    public IReadOnlyList<string> Logs { get; }

    public IReadOnlyDictionary<string, JsonElement> Outputs { get; }

    public JsonElement? ReturnValue { get; }

    public static PayloadResult Success() => EmptySuccess;

    public static PayloadResult Success(
        IReadOnlyList<string>? logs,
        IReadOnlyDictionary<string, JsonElement>? outputs = null,
        JsonElement? returnValue = null) =>
        new(PayloadOutcome.Success, null, logs ?? [], outputs ?? new Dictionary<string, JsonElement>(), returnValue);

    public static PayloadResult TransientFailure(string reason) =>
        new(PayloadOutcome.TransientFailure, reason, [], new Dictionary<string, JsonElement>(), null);

    public static PayloadResult BadPayload(string reason) =>
        new(PayloadOutcome.BadPayload, reason, [], new Dictionary<string, JsonElement>(), null);
}
