namespace KeyMeter.Functions.CustomHandler;

/// <summary>One entry of <c>bindings</c> in a <c>function.json</c> file.</summary>
internal sealed class FunctionBindingJson
{
    public string? Type { get; init; }

    public string? Direction { get; init; }

    public string? Name { get; init; }

    public string? Route { get; init; }

    public List<string>? Methods { get; init; }

    public string? AuthLevel { get; init; }

    public string? Schedule { get; init; }

    public bool? RunOnStartup { get; init; }

    public string? QueueName { get; init; }

    public string? TopicName { get; init; }

    public string? Connection { get; init; }

    public string? Cardinality { get; init; }

    public string? DataType { get; init; }
}
