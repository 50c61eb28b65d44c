using KeyMeter.Adapters.Emulator;
using KeyMeter.Functions.CustomHandler;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KeyMeter.Functions.Local;

/// <summary>
/// What local mode prints once it listens: where, the function key, what it started and what it will fire. Written
/// to the console, not the log, because it carries the local function key.
/// </summary>
internal static class LocalBanner
{
    public static void Print(WebApplication app, AzuriteProcess? azurite)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var key = app.Services.GetRequiredService<LocalFunctionKey>();
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var lines = new List<string>
        {
            "KeyMeter is running in local mode (no Functions host).",
            $"  Listening:     {string.Join(", ", addresses)}",
            key.IsGenerated
                ? $"  Function key:  {key.Value}   (generated for this run; set KeyMeter__Local__FunctionKey to keep one)"
                : "  Function key:  from KeyMeter__Local__FunctionKey",
            "                 send it as the x-functions-key header to /manage and /reports routes",
            azurite is null
                ? "  Storage:       using the configured Table Storage endpoint"
                : $"  Storage:       started {azurite}",
        };
        foreach (var timer in catalog.TimerFunctions.Where(function => !function.Disabled))
        {
            lines.Add($"  Timer:         {timer.Name} on '{timer.Schedule}' (fire now: POST /{timer.Name})");
        }

        foreach (var queue in catalog.ServiceBusFunctions.Where(function => !function.Disabled))
        {
            lines.Add($"  Queue:         {queue.QueueName} -> {queue.Name} (in-process)");
        }

        lines.Add("Press Ctrl+C to stop.");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
