namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>A throwaway app root with one folder per function, deleted on dispose.</summary>
internal sealed class TempAppRoot : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("keymeter-approot-").FullName;

    public TempAppRoot With(string functionName, string functionJson)
    {
        var folder = System.IO.Path.Combine(Path, functionName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(System.IO.Path.Combine(folder, "function.json"), functionJson);
        return this;
    }

    public static string Timer(string schedule, bool runOnStartup = false, string bindingName = "myTimer") => $$"""
        { "bindings": [ { "name": "{{bindingName}}", "type": "timerTrigger", "direction": "in", "schedule": "{{schedule}}", "runOnStartup": {{(runOnStartup ? "true" : "false")}} } ] }
        """;

    public static string ServiceBus(string queueName, string cardinality = "many", string bindingName = "messages") => $$"""
        { "bindings": [ { "name": "{{bindingName}}", "type": "serviceBusTrigger", "direction": "in", "queueName": "{{queueName}}", "connection": "ServiceBus", "cardinality": "{{cardinality}}" } ] }
        """;

    public static string ProxiedHttp(string route, string authLevel = "function", string methods = "") => $$"""
        {
          "bindings": [
            { "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "{{authLevel}}", "route": "{{route}}"{{(methods.Length > 0 ? $", \"methods\": [{methods}]" : "")}} },
            { "type": "http", "direction": "out", "name": "res" }
          ]
        }
        """;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
