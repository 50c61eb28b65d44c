using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// What the Functions host POSTs to <c>/{functionName}</c> in payload mode: <c>{"Data": {...}, "Metadata": {...}}</c>.
/// Values are kept raw because the host double-encodes many of them; read them through <see cref="InvocationDecoder"/>
/// or the typed accessors (<see cref="TimerInfo"/>, <see cref="ServiceBusMessage"/>, <see cref="ServiceBusBatch"/>).
/// </summary>
/// <remarks>Keys are looked up case-insensitively. Shape: https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers (request payload).</remarks>
internal sealed class InvocationRequest
{
    /// <summary>Trigger and input binding values, keyed by the binding <c>name</c> in function.json.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public Dictionary<string, JsonElement> Data { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Trigger metadata such as <c>MessageId</c>, <c>DeliveryCount</c> and <c>sys</c>.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public Dictionary<string, JsonElement> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);
}
