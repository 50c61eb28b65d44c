using System.Diagnostics;
using System.Text.Json;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Deployment;

/// <summary>
/// What the Bicep creates and sets, as <c>.ci/bicep/check.js --names</c> reads it from the tree-sitter parse (which
/// also fails on syntax errors and undefined names).
/// </summary>
internal sealed record BicepNames(IReadOnlyList<string> Queues, IReadOnlyList<string> Tables, IReadOnlyList<string> AppSettings, IReadOnlyList<string> Outputs)
{
    public static BicepNames Read(string bicepDirectory)
    {
        var checker = RepositoryPaths.Combine(".ci", "bicep", "check.js");
        BicepCheckerPackages.EnsureInstalled();
        var output = Path.Combine(Path.GetTempPath(), "keymeter-bicep-names-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var start = new ProcessStartInfo("node", [checker, bicepDirectory, "--names", output]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "check.js did not finish in 2 minutes.");
            Assert.True(process.ExitCode == 0, $"check.js failed ({process.ExitCode}):\n{log.Result}{errors.Result}");
            using var json = JsonDocument.Parse(File.ReadAllText(output));
            return new BicepNames(Strings(json, "queues"), Strings(json, "tables"), Strings(json, "appSettings"), Strings(json, "outputs"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static List<string> Strings(JsonDocument json, string property) =>
        [.. json.RootElement.GetProperty(property).EnumerateArray().Select(item => item.GetString()!)];
}
