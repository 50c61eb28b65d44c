namespace KeyMeter.Functions.CustomHandler;

/// <summary>A <c>serviceBusTrigger</c> function on a queue.</summary>
/// <param name="Name">The function name (see <see cref="FunctionDefinition"/>).</param>
/// <param name="BindingName">The trigger binding's name.</param>
/// <param name="Disabled">Whether the function is disabled.</param>
/// <param name="QueueName">The queue (app settings in <c>%name%</c> already resolved).</param>
/// <param name="Connection">The connection setting prefix, if given.</param>
/// <param name="Cardinality">One message or a batch per invocation.</param>
/// <param name="BodyEncoding">Base64 when function.json says <c>"dataType": "binary"</c>.</param>
internal sealed record ServiceBusFunctionDefinition(
    string Name,
    string BindingName,
    bool Disabled,
    string QueueName,
    string? Connection,
    ServiceBusCardinality Cardinality,
    BodyEncoding BodyEncoding)
    : FunctionDefinition(Name, BindingName, Disabled)
{
    public override string TriggerType => "serviceBusTrigger";

    public override bool IsPayloadMode => true;
}
