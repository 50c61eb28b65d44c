namespace KeyMeter.Functions.Proxy.Providers;

/// <summary>Where a model goes: the provider, the id the provider knows it by, and the id its price is under.</summary>
/// <param name="Provider">The provider that serves it.</param>
/// <param name="UpstreamModel">The <c>model</c> sent upstream: the client's id without a <c>provider/</c> prefix, or its deployment name on an Azure resource.</param>
/// <param name="Model">The model id KeyMeter checks allow-lists against, prices and records.</param>
internal sealed record RoutedModel(ProviderDescription Provider, string UpstreamModel, string Model);
