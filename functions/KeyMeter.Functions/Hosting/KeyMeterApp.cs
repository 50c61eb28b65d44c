using Azure.Core;
using Azure.Identity;
using KeyMeter.Adapters.Emulator;
using KeyMeter.Functions.Aggregation;
using KeyMeter.Functions.Alerts;
using KeyMeter.Functions.Cursor;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Dashboard;
using KeyMeter.Functions.DeadLetters;
using KeyMeter.Functions.Digests;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Manage;
using KeyMeter.Functions.Metering;
using KeyMeter.Functions.Notifications;
using KeyMeter.Functions.People;
using KeyMeter.Functions.Proxy;
using KeyMeter.Functions.Queues;
using KeyMeter.Functions.Reports;
using KeyMeter.Functions.Retention;
using KeyMeter.Functions.Secrets;
using KeyMeter.Functions.Storage;
using KeyMeter.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Builds and runs the custom handler. Under the Functions host it listens on
/// <c>127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT</c>; alone (local mode) on <c>http://localhost:7071</c>, firing timers,
/// emulating queues, enforcing function keys and starting Azurite itself.
/// </summary>
internal static class KeyMeterApp
{
    public const string AppRootVariable = "FUNCTIONS_APP_ROOT_PATH";

    /// <param name="args">Command-line arguments; <c>--urls</c> and <c>--KeyMeter:...</c> settings are honoured.</param>
    /// <param name="readLocalSettingsFile">False in tests, so a developer's own local.settings.json cannot leak in.</param>
    /// <param name="configure">Last-minute changes to the builder, for tests.</param>
    public static WebApplication Build(string[] args, bool readLocalSettingsFile = true, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var mode = HostingMode.Detect(builder.Configuration);
        if (mode.IsLocal && readLocalSettingsFile && LocalSettingsFile.Find(Directory.GetCurrentDirectory()) is { } settingsFile)
        {
            LocalSettingsFile.AddBelowEnvironment(builder.Configuration, LocalSettingsFile.ReadValues(settingsFile));
        }

        if (mode.HostPort is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(HostingMode.LocalUrl);
        }

        // Request logs carry full URLs; a client that wrongly puts a key in a query string must not land it in a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var appRoot = builder.Configuration[AppRootVariable] is { Length: > 0 } root ? root : AppContext.BaseDirectory;
        builder.Services.AddSingleton(mode);
        builder.Services.AddSingleton(TimeProvider.System);
        // One credential for every Azure client (tables, Key Vault, Service Bus, ACS email): the managed identity in
        // Azure (AZURE_CLIENT_ID names a user-assigned one), a developer's own sign-in elsewhere. Used only when a
        // setting points at Azure.
        builder.Services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        builder.Services.AddProblemDetails();
        builder.Services.AddKeyMeterSecrets();
        builder.Services.AddKeyMeterStorage();
        builder.Services.AddLocalOptions();
        builder.Services.AddKeyMeterManage();
        builder.Services.AddFunctionCatalog(appRoot);
        builder.Services.AddHostedService<FunctionCatalogCheck>();
        builder.Services.AddKeyMeterProxy();
        builder.Services.AddKeyMeterMetering();
        builder.Services.AddKeyMeterQueues(mode);
        builder.Services.AddKeyMeterAggregation();
        builder.Services.AddKeyMeterReports();
        builder.Services.AddKeyMeterRetention();
        builder.Services.AddKeyMeterPeople();
        builder.Services.AddKeyMeterCursor();
        builder.Services.AddKeyMeterNotifications();
        builder.Services.AddKeyMeterAlerts();
        builder.Services.AddKeyMeterDigests();
        builder.Services.AddKeyMeterDashboard();
        builder.Services.AddKeyMeterTelemetry();

        // Bodies are limited per route (BodyLimits, PayloadLimits; the proxy KeyMeter__Proxy__MaxRequestBodyBytes); this
        // is the ceiling for routes without a limit of their own, the Functions host's own.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimits.ServerCeiling);

        configure?.Invoke(builder);
        var app = builder.Build();
        // Every setting is checked before anything is resolved, so all bad settings are reported at once, by name.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        // Body limits first: a refusal by a later check must not leave an oversized body for Kestrel to drain.
        app.UseMiddleware<BodyLimitMiddleware>();
        app.UseMiddleware<CrossOriginGuardMiddleware>();
        if (mode.IsLocal)
        {
            app.UseMiddleware<LocalFunctionKeyMiddleware>();
        }

        // Bodiless errors become ProblemDetails, except on the proxy routes: they always answer in the provider's shape,
        // and the middleware's per-request feature would be paid by every proxied call.
        app.UseWhen(context => !ProxyRoutes.IsProxyPath(context.Request.Path), branch => branch.UseStatusCodePages());
        // The Functions host polls GET / until the handler answers, to know it has started.
        app.MapGet("/", () => TypedResults.Text("KeyMeter is running.")).ExcludeFromDescription().WithBodyLimit(BodyLimits.NoBody);
        var manage = app.MapGroup(string.Empty).WithBodyLimit(BodyLimits.Management);
        manage.MapManageEndpoints();
        manage.MapTeamEndpoints();
        manage.MapDeadLetterEndpoints();
        app.MapProxyEndpoints();
        app.MapTelemetryEndpoints();
        var reports = app.MapGroup(string.Empty).WithBodyLimit(BodyLimits.NoBody);
        reports.MapReportEndpoints();
        reports.MapReconciliationEndpoints();
        reports.MapDigestEndpoints();
        reports.MapDashboardEndpoints();
        app.MapPayloadFunctions();
        return app;
    }

    /// <summary>
    /// Runs until shutdown. A problem found while starting (a bad setting, invalid function metadata, Azurite that
    /// will not start) ends the run with exit code 1 and a message that names it, instead of a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        AzuriteProcess? azurite = null;
        try
        {
            app = Build(args);
            if (app.Services.GetRequiredService<HostingMode>().IsLocal)
            {
                azurite = await StartStorageAsync(app);
            }

            await app.StartAsync();
        }
        catch (Exception exception) when (exception is OptionsValidationException or AggregateException or InvalidOperationException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync("KeyMeter cannot start:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", Describe(exception)));
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            return 1;
        }

        await using (app)
        await using (azurite)
        {
            if (app.Services.GetRequiredService<HostingMode>().IsLocal)
            {
                LocalBanner.Print(app, azurite);
            }

            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    private static IEnumerable<string> Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Describe),
        _ => [exception.Message],
    };

    private static async Task<AzuriteProcess?> StartStorageAsync(WebApplication app)
    {
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var local = app.Services.GetRequiredService<IOptions<LocalOptions>>().Value;
        return await LocalStorage.StartIfNeededAsync(storage, local, app.Lifetime.ApplicationStopping);
    }
}
