using System.Text.Json;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// What a payload-mode handler answers: <c>{"Outputs": {...}, "Logs": [...], "ReturnValue": ...}</c>.
/// The host writes <see cref="Logs"/> to the invocation log and binds <see cref="ReturnValue"/> to <c>$return</c>.
/// </summary>
/// <remarks>Shape: https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers (response payload).</remarks>
internal sealed class InvocationResponse
{
    /// <summary>Output binding values keyed by binding name.</summary>
    public Dictionary<string, JsonElement> Outputs { get; init; } = [];

    /// <summary>Lines for the invocation log. Never a key, a prompt or a completion.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    public JsonElement? ReturnValue { get; init; }
}
