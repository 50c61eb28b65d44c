using System.Diagnostics;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Deployment;

/// <summary>
/// The npm packages of <c>.ci/bicep/check.js</c> (tree-sitter and its Bicep grammar), installed on first use with
/// <c>npm ci</c> from the lock file when they are missing, so that <c>dotnet test</c> on a fresh clone needs nothing
/// more than Node. npm takes them from its cache when it can, else from the registry.
/// </summary>
internal static class BicepCheckerPackages
{
    private static readonly Lock Gate = new();
    private static bool _installed;

    private static string Folder => RepositoryPaths.Combine(".ci", "bicep");

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed || Directory.Exists(Path.Combine(Folder, "node_modules", "tree-sitter-bicep")))
            {
                _installed = true;
                return;
            }

            var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            var start = new ProcessStartInfo(npm, ["ci", "--prefix", Folder, "--no-audit", "--no-fund", "--loglevel=error"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "'npm ci --prefix .ci/bicep' did not finish in 5 minutes.");
            Assert.True(
                process.ExitCode == 0 && Directory.Exists(Path.Combine(Folder, "node_modules", "tree-sitter-bicep")),
                $"The Bicep checker's npm packages could not be installed ('npm ci --prefix .ci/bicep' exited {process.ExitCode}):\n{log.Result}{errors.Result}");
            _installed = true;
        }
    }
}
