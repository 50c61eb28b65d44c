using System.Text.Json;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Tests.CustomHandler;

/// <summary>
/// Reads <c>CustomHandler/Fixtures/*.json</c> from the output folder (when the project copies them there) or else from
/// the nearest source folder above it.
/// </summary>
internal static class HostFixtures
{
    public static string ReadText(string name)
    {
        var relative = Path.Combine("CustomHandler", "Fixtures", name);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException($"Fixture {relative} not found above {AppContext.BaseDirectory}.");
    }

    public static InvocationRequest Read(string name) => Parse(ReadText(name));

    public static InvocationRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, HostJsonContext.Default.InvocationRequest) ?? throw new InvalidOperationException("null payload");
}
