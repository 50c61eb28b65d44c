using System.Text.Json;
using KeyMeter.Functions.Host;

namespace KeyMeter.Functions.Tests.Host;

/// <summary>
/// Reads <c>Host/Fixtures/*.json</c> from the output folder (when the project copies them there) or else from the
/// nearest source folder above it.
/// </summary>
internal static class HostFixtures
{
    public static string ReadText(string name)
    {
        var relative = Path.Combine("Host", "Fixtures", name);
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
