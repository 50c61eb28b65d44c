namespace KeyMeter.Functions.CustomHandler;

/// <summary>One function from <c>{appRoot}/{Name}/function.json</c>.</summary>
/// <param name="Name">The folder name, which is the function name.</param>
/// <param name="BindingName">The trigger binding's <c>name</c>: its key in <see cref="InvocationRequest.Data"/>.</param>
/// <param name="Disabled">Whether function.json says <c>"disabled": true</c>.</param>
internal abstract record FunctionDefinition(string Name, string BindingName, bool Disabled)
{
    /// <summary>The trigger binding type as written in function.json terms, e.g. <c>timerTrigger</c>.</summary>
    public abstract string TriggerType { get; }

    /// <summary>Whether the host POSTs <c>{Data, Metadata}</c> to <c>/{Name}</c>, so an <see cref="IPayloadFunction"/> must answer.</summary>
    public abstract bool IsPayloadMode { get; }
}
