namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// At start, after the settings are validated: every timer and queue function.json needs a handler and every handler
/// a function.json. Done here rather than while building, so resolving the handlers cannot hide a settings error.
/// </summary>
internal sealed class FunctionCatalogCheck(FunctionCatalog catalog, IEnumerable<IPayloadFunction> functions) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Validate(functions);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
