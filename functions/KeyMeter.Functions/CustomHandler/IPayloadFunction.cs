namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// A function the Functions host runs in payload mode (timer, Service Bus, or an HTTP function with extra bindings):
/// the host POSTs an <see cref="InvocationRequest"/> to <c>/{Name}</c>. Locally the timer scheduler and in-process
/// queues call the same endpoint. Register implementations as <c>IPayloadFunction</c> in DI; each needs a
/// <c>{Name}/function.json</c> (checked by <see cref="FunctionCatalog.Validate"/>).
/// </summary>
internal interface IPayloadFunction
{
    /// <summary>The function name: its folder name in the app root.</summary>
    string Name { get; }

    /// <summary>Runs one invocation.</summary>
    /// <param name="request">The host's payload; read it with the typed accessors such as <see cref="ServiceBusBatch.Decode"/>.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>Success, a transient failure (500, redelivered) or a bad payload (400).</returns>
    Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
