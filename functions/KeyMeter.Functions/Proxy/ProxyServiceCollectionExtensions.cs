using KeyMeter.Adapters.Agents;
using KeyMeter.Adapters.Budgets;
using KeyMeter.Adapters.Keys;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Budgets;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Pricing;
using KeyMeter.Functions.Proxy.Forwarding;
using KeyMeter.Functions.Proxy.Providers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Proxy;

/// <summary>The BYOK proxy and what it needs: key lookups, prices, budgets and the upstream pool.</summary>
internal static class ProxyServiceCollectionExtensions
{
    public static IServiceCollection AddKeyMeterProxy(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateOnStart();
        services.AddOptions<ProvidersOptions>().BindConfiguration(ProvidersOptions.SectionName).ValidateOnStart();
        services.AddOptions<BudgetGateOptions>().BindConfiguration(BudgetGateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddSingleton<IValidateOptions<ProvidersOptions>, ProvidersOptionsValidator>();
        services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BudgetGateOptions>, BudgetGateOptionsValidator>();
        services.AddSingleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>();

        services.AddSingleton<ProviderCatalog>();
        services.AddSingleton<ModelRouter>();
        services.AddSingleton<UpstreamCredentials>();
        services.AddSingleton<AvailableModels>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<ProxyKeyResolver>();
        services.AddSingleton<UpstreamRequests>();
        services.AddSingleton<OutboundCalls>();
        services.AddSingleton<ProxyForwarder>();
        services.AddSingleton(provider => new BufferedBodyBudget(provider.GetRequiredService<IOptions<ProxyOptions>>().Value.MaxBufferedBodyBytes));
        services.AddSingleton<IKeyWatermarkStore, TableKeyWatermarkStore>();
        services.AddSingleton<IKeyChangeSignal, KeyChangeBroadcast>();
        services.AddSingleton<KeyChangeWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<KeyChangeWatcher>());
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<PricingOptions>>().Value.Overrides is { Count: > 0 } overrides
            ? PriceTable.LoadDefault().WithOverrides(overrides)
            : PriceTable.LoadDefault());
        services.AddSingleton<CallPricing>();
        services.AddSingleton<IBudgetCounterStore, TableBudgetCounterStore>();
        services.AddSingleton<BudgetGate>();
        services.AddSingleton<ProxyHandler>();
        services.TryAddSingleton<IProxiedSessionStore, TableProxiedSessionStore>();
        services.TryAddSingleton<ProxiedSessions>();
        return services;
    }
}
