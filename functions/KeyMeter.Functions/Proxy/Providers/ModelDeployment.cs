namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>
/// One model deployed on an Azure resource (<c>KeyMeter__Providers__AzureOpenAI__Deployments__0__Model=gpt-4.1</c>,
/// <c>…__Deployments__0__Deployment=my-gpt41</c>): clients ask for <see cref="Model"/>, and the call goes to the
/// provider with <see cref="Deployment"/> as its <c>model</c>. A list of objects rather than a map, because a model id
/// with a dot cannot be part of an environment variable's name on Linux App Service.
/// </summary>
public sealed class ModelDeployment
{
    /// <summary>The model id clients ask for, and the one KeyMeter checks allow-lists against, prices and records.</summary>
    public string? Model { get; set; }

    /// <summary>The deployment's name on the resource, sent upstream as the body's <c>model</c>.</summary>
    public string? Deployment { get; set; }
}
