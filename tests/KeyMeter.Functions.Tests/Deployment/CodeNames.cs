using System.Reflection;
using System.Text.Json;
using KeyMeter.Core.Alerts;
using KeyMeter.Core.Metering;

namespace KeyMeter.Functions.Tests.Deployment;

/// <summary>
/// The queue, table and setting names the code and the <c>function.json</c> files use: queues from every
/// function.json's <c>queueName</c> and the senders' constants; tables from every <c>TableName</c> / <c>…Table</c>
/// constant; connections from every function.json's <c>connection</c>; settings from the options classes.
/// </summary>
internal sealed class CodeNames
{
    private static readonly Assembly[] Assemblies = [typeof(QueueUsageSink).Assembly, typeof(Adapters.Storage.TableProvider).Assembly, typeof(Functions.Hosting.KeyMeterApp).Assembly];

    private CodeNames(IReadOnlyList<string> functionQueues, IReadOnlyList<string> connections)
    {
        FunctionQueues = functionQueues;
        Connections = connections;
    }

    /// <summary>Queues the triggers read.</summary>
    public IReadOnlyList<string> FunctionQueues { get; }

    /// <summary>Queues the code sends to.</summary>
    public static IReadOnlyList<string> SentQueues { get; } = [QueueUsageSink.QueueName, BudgetAlertPublisher.QueueName];

    public IEnumerable<string> Queues => FunctionQueues.Concat(SentQueues).Distinct(StringComparer.Ordinal);

    /// <summary>The <c>connection</c> setting prefixes of the Service Bus triggers.</summary>
    public IReadOnlyList<string> Connections { get; }

    /// <summary>
    /// Tables the code uses in Azure. Local mode's own (its dead letters, namespace <c>KeyMeter.Functions.Local</c>) live
    /// only in Azurite: in Azure Service Bus keeps dead letters, so bicep/ must not create them.
    /// </summary>
    public static IReadOnlyList<string> Tables { get; } = [.. Assemblies.SelectMany(assembly => assembly.GetTypes())
        .Where(type => type.Namespace != typeof(Functions.Local.LocalQueue).Namespace)
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string) && (field.Name == "TableName" || field.Name.EndsWith("Table", StringComparison.Ordinal)))
        .Select(field => (string)field.GetRawConstantValue()!)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every <c>SectionName</c> constant and its class: the options classes (and the secrets' section), each named by
    /// its full configuration path, as it is bound.
    /// </summary>
    public static IReadOnlyList<(Type Type, string Name)> SectionNames { get; } = [.. Assemblies.SelectMany(assembly => assembly.GetTypes())
        .Select(type => (Type: type, Field: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(entry => entry.Field is { IsLiteral: true })
        .Select(entry => (entry.Type, (string)entry.Field!.GetRawConstantValue()!))];

    /// <summary>Reads every <c>*/function.json</c> under <paramref name="appRoot"/>.</summary>
    public static CodeNames Read(string appRoot)
    {
        var queues = new List<string>();
        var connections = new List<string>();
        foreach (var path in Directory.EnumerateDirectories(appRoot).Select(directory => Path.Combine(directory, "function.json")).Where(File.Exists))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var binding in json.RootElement.GetProperty("bindings").EnumerateArray())
            {
                if (binding.TryGetProperty("queueName", out var queue))
                {
                    queues.Add(queue.GetString()!);
                }

                if (binding.TryGetProperty("connection", out var connection))
                {
                    connections.Add(connection.GetString()!);
                }
            }
        }

        return new CodeNames([.. queues.Distinct(StringComparer.Ordinal)], [.. connections.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// True when <paramref name="setting"/> (<c>KeyMeter__Notifications__Email__Sender</c>) binds to a property of an
    /// options class: the class whose section is the longest prefix, then one public settable property per level.
    /// </summary>
    public static bool IsKeyMeterSetting(string setting)
    {
        var path = setting.Split("__");
        var sections = SectionNames
            .Select(entry => (entry.Type, Section: entry.Name.Split(':')))
            .Where(entry => entry.Section.Length < path.Length && entry.Section.SequenceEqual(path.Take(entry.Section.Length), StringComparer.OrdinalIgnoreCase))
            .OrderByDescending(entry => entry.Section.Length);
        foreach (var (type, section) in sections)
        {
            var current = type;
            var bound = true;
            foreach (var segment in path.Skip(section.Length))
            {
                var property = current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null || (property.SetMethod is null && property.PropertyType.IsValueType))
                {
                    bound = false;
                    break;
                }

                current = property.PropertyType;
            }

            if (bound)
            {
                return true;
            }
        }

        return false;
    }
}
