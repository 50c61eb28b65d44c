namespace KeyMeter.Functions.CustomHandler;

/// <summary>An <c>httpTrigger</c> function.</summary>
/// <param name="Name">The function name (see <see cref="FunctionDefinition"/>).</param>
/// <param name="BindingName">The trigger binding's name.</param>
/// <param name="Disabled">Whether the function is disabled.</param>
/// <param name="Route">The route template (routePrefix is ""); the function name when function.json has none.</param>
/// <param name="Methods">Upper-case HTTP methods; empty means all.</param>
/// <param name="AuthLevel">The trigger's <c>authLevel</c>.</param>
/// <param name="IsProxied">Exactly one <c>httpTrigger</c> in and one <c>http</c> out: the host proxies the request
/// (enableProxyingHttpRequest); any other binding puts it in payload mode (https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers).</param>
internal sealed record HttpFunctionDefinition(
    string Name,
    string BindingName,
    bool Disabled,
    string Route,
    IReadOnlyList<string> Methods,
    HttpAuthLevel AuthLevel,
    bool IsProxied)
    : FunctionDefinition(Name, BindingName, Disabled)
{
    public override string TriggerType => "httpTrigger";

    public override bool IsPayloadMode => !IsProxied;
}
