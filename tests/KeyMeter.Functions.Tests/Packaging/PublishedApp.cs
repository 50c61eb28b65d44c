using System.Diagnostics;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Packaging;

/// <summary>
/// Publishes the function app once, as azd does (<c>dotnet publish -c Release --output</c>, no runtime flags), from a
/// copy of the sources so the repository's own bin/ and obj/ are left alone. One publish serves every test class
/// (<see cref="Instance"/>); it is deleted when the test process exits, and, should the test host be killed first,
/// by the next run.
/// </summary>
internal sealed class PublishedApp
{
    private static readonly Lazy<PublishedApp> Shared = new(() => new PublishedApp(), LazyThreadSafetyMode.ExecutionAndPublication);
    private const string Prefix = "keymeter-publish-";
    private readonly string _work = Directory.CreateTempSubdirectory(Prefix).FullName;

    private PublishedApp()
    {
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(Prefix + "*").Where(directory => directory.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            stale.Delete(recursive: true);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(_work, recursive: true);
        Sources = Path.Combine(_work, "src");
        Output = Path.Combine(_work, "out");
        foreach (var file in new[] { ".editorconfig", "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            File.Copy(RepositoryPaths.Combine(file), Path.Combine(Sources, file).EnsureParent());
        }

        CopySources(RepositoryPaths.Combine("functions"), Path.Combine(Sources, "functions"));
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(Sources, "functions", "KeyMeter.Functions"), "-c", "Release", "--output", Output, "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(6)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish took over 6 minutes.");
        }

        Log = stdout.Result + stderr.Result;
        ExitCode = process.ExitCode;
    }

    public static PublishedApp Instance => Shared.Value;

    /// <summary>The copied sources (<c>functions/</c> and the build files).</summary>
    public string Sources { get; }

    /// <summary>What azd would zip.</summary>
    public string Output { get; }

    public int ExitCode { get; }

    public string Log { get; }

    private static void CopySources(string from, string to)
    {
        TestFiles.CopyTree(from, to, relative =>
        {
            var parts = relative.Split(Path.DirectorySeparatorChar);
            return !parts.Contains("bin") && !parts.Contains("obj") && parts[^1] != "local.settings.json";
        });

        // A developer's local settings would sit here; the package must leave it out.
        File.WriteAllText(Path.Combine(to, "KeyMeter.Functions", "local.settings.json").EnsureParent(), """{"IsEncrypted":false,"Values":{"KeyMeter__Secrets__OpenAIApiKey":"sk-local-only"}}""");
    }
}
