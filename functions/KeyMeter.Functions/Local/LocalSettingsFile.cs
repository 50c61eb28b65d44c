using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Reads the <c>Values</c> of <c>local.settings.json</c> in local mode, the way Core Tools would hand them to the
/// process: <c>__</c> nests, and real environment variables win.
/// </summary>
internal static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    /// <summary>The nearest <c>local.settings.json</c> in <paramref name="startDirectory"/> or its parents.</summary>
    public static string? Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Parses the file's <c>Values</c>; a malformed file is an error that names the file.</summary>
    public static Dictionary<string, string?> ReadValues(string path)
    {
        using var document = ParseFile(path);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("Values", out var section))
        {
            return values;
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{path}: 'Values' must be an object of strings.");
        }

        foreach (var setting in section.EnumerateObject())
        {
            values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ValueKind switch
            {
                JsonValueKind.String => setting.Value.GetString(),
                JsonValueKind.Null => null,
                _ => setting.Value.GetRawText(),
            };
        }

        return values;
    }

    /// <summary>Adds the values just below the environment variables, so the environment overrides the file.</summary>
    public static void AddBelowEnvironment(IConfigurationBuilder configuration, Dictionary<string, string?> values)
    {
        var source = new MemoryConfigurationSource { InitialData = values };
        var index = configuration.Sources
            .Select((item, position) => (item, position))
            .FirstOrDefault(pair => pair.item is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource)
            .position;
        configuration.Sources.Insert(index, source);
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {exception.Message}", exception);
        }
    }
}
