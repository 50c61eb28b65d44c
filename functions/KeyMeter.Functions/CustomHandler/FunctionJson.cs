namespace KeyMeter.Functions.CustomHandler;

/// <summary>The parts of a <c>function.json</c> file that KeyMeter reads.</summary>
internal sealed class FunctionJson
{
    public List<FunctionBindingJson>? Bindings { get; init; }

    public bool Disabled { get; init; }
}
